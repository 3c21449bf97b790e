import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { jpegBytes, testEnvironment } from './testing/fakes.ts';
import { BASE, harness, journeys, LIVE, okaylive, until } from './testing/harness.ts';

/** A host's requirement overrides: checked at mount, applied to guidance, captures and photos. */

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
afterEach(() => server.resetHandlers());

describe('requirement overrides', () => {
  it('out of range: the widget stops at mount with REQUIREMENTS_INVALID naming the row and the bound; fixed, it starts', async () => {
    const h = harness({ requirements: { yaw: { limit: 40 } } });
    const refused = await until(h.session, (s) => s.status === 'error');
    expect(refused.error).toMatchObject({
      code: 'REQUIREMENTS_INVALID',
      source: 'config',
      retryable: false,
      requirement: { row: 'yaw', side: 'limit', value: 40, bound: { min: 5, max: 20 } },
    });
    expect(refused.way).toBe('none');
    expect(h.heard.errors.map((e) => e.code)).toEqual(['REQUIREMENTS_INVALID']);
    // Start cannot get round it.
    h.session.start();
    expect(h.session.getSnapshot().status).toBe('error');
    expect(h.heard.states).not.toContain('camera_starting');

    h.session.update({ apiBaseUrl: BASE, requirements: { yaw: { limit: 15 } } });
    expect(h.session.getSnapshot()).toMatchObject({ status: 'idle', error: null });
    journeys(server, ['j-1']);
    okaylive(server, [() => HttpResponse.json(LIVE)]);
    await h.autoCapture();
    h.unmount();
  });

  it('a tightened row holds the capture back with its hint, and the snapshot shows the new limit', async () => {
    const env = testEnvironment();
    // The compliant readings have 11° of pitch: fine by the table, too much at 8°.
    const h = harness({ requirements: { pitch: { limit: 8 } } }, env);
    await h.cameraOn();
    const hinted = await until(h.session, (s) => s.hint !== null);
    expect(hinted.hint).toBe('FACE_ANGLE_TOO_LARGE');
    expect(hinted.guidance.rules.find((r) => r.id === 'pitch')).toMatchObject({
      limit: { max: 8 },
      target: { max: 5 },
      pass: false,
    });
    const framesBefore = env.analysis.frames;
    await until(h.session, () => env.analysis.frames > framesBefore + 10);
    expect(h.session.getSnapshot().capture).toBeNull();
    h.unmount();
  });

  it('the stable window takes the length the host asked for', async () => {
    journeys(server, ['j-1']);
    okaylive(server, [() => HttpResponse.json(LIVE)]);
    const h = harness({ requirements: { stableWindowMs: 1200 } });
    await h.cameraOn();
    const guiding = await until(h.session, (s) => s.guidance.window.requiredMs > 0);
    expect(guiding.guidance.window.requiredMs).toBe(1200);
    h.unmount();
  });

  it('a photo is checked against the overrides too', async () => {
    const h = harness({ requirements: { pitch: { limit: 8 } } });
    h.session.start();
    h.session.cameraFailed(Object.assign(new Error('no'), { name: 'NotFoundError' }));
    await h.session.choosePhoto(jpegBytes(5000));
    expect(h.session.getSnapshot().error).toMatchObject({ code: 'FILE_REJECTED', reason: 'FACE_ANGLE_TOO_LARGE' });
    expect(h.heard.captures).toEqual([]);
    h.unmount();
  });
});
