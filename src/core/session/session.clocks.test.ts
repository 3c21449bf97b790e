import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PERMISSION_WAIT_MS } from './clocks.ts';
import { testEnvironment } from './testing/fakes.ts';
import { harness, LIVE, okaylive, until } from './testing/harness.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  vi.useRealTimers();
});
afterAll(() => server.close());

describe('the time-driven fields of the snapshot', () => {
  it('says the permission wait is over after a stretch of asking, and forgets it when the camera answers', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const h = harness();
    h.session.start();
    vi.advanceTimersByTime(PERMISSION_WAIT_MS - 1);
    expect(h.session.getSnapshot().permissionWaitOver).toBe(false);
    vi.advanceTimersByTime(1);
    expect(h.session.getSnapshot().permissionWaitOver).toBe(true);
    h.session.cameraFailed(Object.assign(new Error('denied'), { name: 'NotAllowedError' }));
    expect(h.session.getSnapshot().status).toBe('error');
    expect(h.session.getSnapshot().permissionWaitOver).toBe(false);
    // A new stretch starts from nothing.
    h.session.retake();
    vi.advanceTimersByTime(PERMISSION_WAIT_MS - 1);
    expect(h.session.getSnapshot().permissionWaitOver).toBe(false);
    h.unmount();
    vi.advanceTimersByTime(PERMISSION_WAIT_MS);
    expect(h.session.getSnapshot().permissionWaitOver).toBe(false);
  });

  it('counts the Retry-After down by itself, then offers the resend', async () => {
    okaylive(server, [
      () => new HttpResponse('busy', { status: 503, headers: { 'Retry-After': '2' } }),
      () => HttpResponse.json(LIVE),
    ]);
    const h = harness({ journeyId: 'j' });
    await h.autoCapture();
    const failed = await until(h.session, (s) => s.status === 'error');
    expect(failed.way).toBe('resend');
    expect(failed.resendIn).toBe(2);
    expect(failed.canResend).toBe(false);
    await until(h.session, (s) => s.resendIn === 1);
    const ready = await until(h.session, (s) => s.canResend, 4000);
    expect(ready.resendIn).toBe(0);
    await h.session.retry();
    await until(h.session, (s) => s.status === 'result');
    h.unmount();
  });

  it('holds the resend while the device is offline', async () => {
    const env = testEnvironment();
    okaylive(server, [() => HttpResponse.json({ status: 'error' }, { status: 502 }), () => HttpResponse.json(LIVE)]);
    const h = harness({ journeyId: 'j' }, env);
    await h.autoCapture();
    const failed = await until(h.session, (s) => s.status === 'error');
    expect(failed.way).toBe('resend');
    env.setOnline(false);
    expect(h.session.getSnapshot()).toEqual(expect.objectContaining({ offline: true, canResend: false }));
    env.setOnline(true);
    expect(h.session.getSnapshot()).toEqual(expect.objectContaining({ offline: false, canResend: true }));
    h.unmount();
  });
});
