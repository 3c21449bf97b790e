import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fakeHandoffEnvironment, testEnvironment } from './testing/fakes.ts';
import { fakeHandoffServer, HANDOFF_CODE, HANDOFF_TOKEN } from './testing/handoff-server.ts';
import { BASE, harness, journeys, LIVE, until } from './testing/harness.ts';

/** Continue on your phone: the desktop's handoff and the phone's side, through the real clients against a mocked backend. */

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const NOT_LIVE = { status: 'success', messageCode: 'api.success', probability: 0.1, score: -2, quality: 0.8 };
const done = (body: unknown) => ({ status: 200, body });

describe('the desktop hands the selfie to a phone', () => {
  it('shows a code bound to its journey, follows the phone, and hears the verdict as its own', async () => {
    journeys(server, ['j-desk']);
    const backend = fakeHandoffServer(server);
    const h = harness({ handoff: 'offer' });
    expect(h.session.getSnapshot().handoffOffered).toBe(true);
    h.session.continueOnPhone();
    const waiting = await until(h.session, (s) => s.handoff?.state === 'waiting');
    expect(waiting.status).toBe('handoff');
    expect(waiting.handoffOffered).toBe(false);
    expect(waiting.handoff?.ticket).toEqual(
      expect.objectContaining({ code: HANDOFF_CODE, page: 'https://bank.test/phone' }),
    );
    expect(waiting.handoff?.ticket?.link).toContain('#t=');
    expect(backend.latest().journeyId).toBe('j-desk');

    backend.latest().state = 'capturing';
    await until(h.session, (s) => s.handoff?.state === 'capturing');
    backend.latest().state = 'checking';
    await until(h.session, (s) => s.handoff?.state === 'checking');
    Object.assign(backend.latest(), { state: 'done', answer: done(LIVE) });
    const result = await until(h.session, (s) => s.status === 'result');
    expect(result.verdict).toEqual(expect.objectContaining({ outcome: 'live', probability: 0.97 }));
    expect(h.heard.results).toEqual([result.verdict]);
    expect(h.heard.captures).toEqual([]);
    expect(h.heard.states).toEqual(['idle', 'handoff', 'captured', 'submitting', 'result']);
    h.unmount();
  });

  it.each([
    ['not live', done(NOT_LIVE), 'result', 'not_live'],
    ['verdict-only live', done({ status: 'success', messageCode: 'api.success', outcome: 'live' }), 'result', 'live'],
  ])('reads a %s answer the way its own upload would be read', async (_name, answer, status, outcome) => {
    const backend = fakeHandoffServer(server);
    const h = harness({ handoff: 'offer', journeyId: 'j-host' });
    h.session.continueOnPhone();
    await until(h.session, (s) => s.handoff?.state === 'waiting');
    expect(backend.latest().journeyId).toBe('j-host');
    Object.assign(backend.latest(), { state: 'done', answer });
    const settled = await until(h.session, (s) => s.status === status);
    expect(settled.verdict?.outcome).toBe(outcome);
    h.unmount();
  });

  it('says when the phone asked for another selfie, and waits on', async () => {
    const backend = fakeHandoffServer(server);
    const h = harness({ handoff: 'offer', journeyId: 'j-host' });
    h.session.continueOnPhone();
    await until(h.session, (s) => s.handoff?.state === 'waiting');
    Object.assign(backend.latest(), { state: 'capturing', attempts: 1 });
    const again = await until(h.session, (s) => s.handoff?.attempts === 1);
    expect(again.status).toBe('handoff');
    expect(h.heard.results).toEqual([]);
    h.unmount();
  });

  it('revokes the code when the person goes back to this device, and when they cancel', async () => {
    const backend = fakeHandoffServer(server);
    const h = harness({ handoff: 'offer', journeyId: 'j-host' });
    h.session.continueOnPhone();
    await until(h.session, (s) => s.handoff?.state === 'waiting');
    h.session.start();
    await until(h.session, (s) => s.status === 'camera_starting');
    await expect.poll(() => backend.cancelled, { timeout: 2000 }).toEqual(['watch-1']);
    expect(h.session.getSnapshot().handoff).toBeNull();

    h.session.continueOnPhone();
    await until(h.session, (s) => s.handoff?.state === 'waiting' && s.handoff.ticket?.handoff === 'watch-2');
    h.session.cancel();
    await expect.poll(() => backend.cancelled, { timeout: 2000 }).toEqual(['watch-1', 'watch-2']);
    expect(h.heard.cancels).toBe(1);
    h.unmount();
  });

  it('revokes its code when the desktop page goes away', async () => {
    const backend = fakeHandoffServer(server);
    const handoffEnv = fakeHandoffEnvironment();
    const h = harness({ handoff: 'offer', journeyId: 'j-host' }, testEnvironment({ handoff: handoffEnv }));
    h.session.continueOnPhone();
    await until(h.session, (s) => s.handoff?.state === 'waiting');
    handoffEnv.hide();
    await expect.poll(() => backend.cancelled, { timeout: 2000 }).toEqual(['watch-1']);
    expect(h.session.getSnapshot().status).toBe('idle');
    h.unmount();
  });

  it('after the phone left, a new code can be had', async () => {
    const backend = fakeHandoffServer(server);
    const h = harness({ handoff: 'offer', journeyId: 'j-host' });
    h.session.continueOnPhone();
    await until(h.session, (s) => s.handoff?.state === 'waiting');
    backend.latest().state = 'phone_left';
    await until(h.session, (s) => s.handoff?.state === 'phone_left');
    h.session.continueOnPhone();
    await until(h.session, (s) => s.handoff?.state === 'waiting' && s.handoff.ticket?.handoff === 'watch-2');
    // The old one is revoked (a phone gone quiet may come back); the new one is bound to the same journey.
    expect(backend.cancelled).toEqual(['watch-1']);
    expect(backend.latest().journeyId).toBe('j-host');
    h.unmount();
  });

  it('a backend without the handoff routes leaves the person a way on, with a typed reason', async () => {
    fakeHandoffServer(server, {
      create: () => HttpResponse.json({ status: 'error', message: 'NOT_FOUND' }, { status: 404 }),
    });
    const h = harness({ handoff: 'offer', journeyId: 'j-host' });
    h.session.continueOnPhone();
    const failed = await until(h.session, (s) => s.handoff?.state === 'failed');
    expect(failed.handoff?.error).toBe('HANDOFF_UNAVAILABLE');
    expect(failed.status).toBe('handoff');
    h.unmount();
  });

  it('is not offered unless the host asks, and never past a configuration the host must fix', async () => {
    const off = harness();
    expect(off.session.getSnapshot().handoffOffered).toBe(false);
    off.session.continueOnPhone();
    expect(off.session.getSnapshot().status).toBe('idle');
    off.unmount();
    const bad = harness({ handoff: 'offer', requirements: { FACE_TOO_SMALL: { min: 5 } } as never });
    expect(bad.session.getSnapshot().error?.code).toBe('REQUIREMENTS_INVALID');
    expect(bad.session.getSnapshot().handoffOffered).toBe(false);
    bad.unmount();
  });
});

describe('the phone takes the selfie for the desktop', () => {
  function uploads(reply: () => Response) {
    const seen: Array<{ header: string | null; journeyId: string }> = [];
    server.use(
      http.post(`${BASE}/okaylive`, async ({ request }) => {
        const form = await request.formData();
        const journeyId = form.get('journeyId');
        seen.push({
          header: request.headers.get('X-OkayLive-Handoff'),
          journeyId: typeof journeyId === 'string' ? journeyId : '',
        });
        return reply();
      }),
    );
    return seen;
  }

  it('claims with the link, sends under its key without a journey, reports its progress, and ends', async () => {
    const backend = fakeHandoffServer(server);
    const desk = harness({ handoff: 'offer', journeyId: 'j-desk' });
    desk.session.continueOnPhone();
    await until(desk.session, (s) => s.handoff?.state === 'waiting');
    const asked = journeys(server, ['never']);
    const seen = uploads(() => HttpResponse.json(LIVE));
    const handoffEnv = fakeHandoffEnvironment(HANDOFF_TOKEN);
    const phone = harness({ handoff: 'phone' }, testEnvironment({ handoff: handoffEnv }));
    const connected = await until(phone.session, (s) => s.phone?.state === 'connected');
    expect(connected.journeyId).toBe('handoff');
    expect(handoffEnv.kept.size).toBe(1);
    await phone.autoCapture();
    const result = await until(phone.session, (s) => s.status === 'result');
    expect(result.verdict?.outcome).toBe('live');
    expect(seen).toEqual([{ header: 'phone-1', journeyId: 'handoff' }]);
    expect(asked()).toBe(0);
    await until(phone.session, (s) => s.phone?.state === 'done');
    expect(backend.latest().reports).toContain('capturing');
    expect(handoffEnv.kept.size).toBe(0);
    phone.unmount();
    desk.unmount();
  });

  it('without a token asks for the code, says when it is wrong, and connects with the right one', async () => {
    fakeHandoffServer(server);
    const desk = harness({ handoff: 'offer', journeyId: 'j-desk' });
    desk.session.continueOnPhone();
    await until(desk.session, (s) => s.handoff?.state === 'waiting');
    const phone = harness({ handoff: 'phone' }, testEnvironment({ handoff: fakeHandoffEnvironment() }));
    await until(phone.session, (s) => s.phone?.state === 'code' && s.phone.error === null);
    phone.session.start();
    expect(phone.session.getSnapshot().status).toBe('idle');
    phone.session.enterHandoffCode('WXYZ-2345');
    await until(phone.session, (s) => s.phone?.error === 'HANDOFF_NOT_FOUND' && s.phone.state === 'code');
    phone.session.enterHandoffCode(HANDOFF_CODE.toLowerCase());
    await until(phone.session, (s) => s.phone?.state === 'connected');
    phone.unmount();
    desk.unmount();
  });

  it('a second phone with the same link is refused, and cannot start the camera', async () => {
    fakeHandoffServer(server);
    const desk = harness({ handoff: 'offer', journeyId: 'j-desk' });
    desk.session.continueOnPhone();
    await until(desk.session, (s) => s.handoff?.state === 'waiting');
    const first = harness({ handoff: 'phone' }, testEnvironment({ handoff: fakeHandoffEnvironment(HANDOFF_TOKEN) }));
    await until(first.session, (s) => s.phone?.state === 'connected');
    const second = harness({ handoff: 'phone' }, testEnvironment({ handoff: fakeHandoffEnvironment(HANDOFF_TOKEN) }));
    const refused = await until(second.session, (s) => s.phone?.state === 'closed');
    expect(refused.phone?.error).toBe('HANDOFF_TAKEN');
    second.session.start();
    expect(second.session.getSnapshot().status).toBe('idle');
    first.unmount();
    second.unmount();
    desk.unmount();
  });

  it('stops its camera and says so when the desktop cancels mid-way', async () => {
    fakeHandoffServer(server);
    const desk = harness({ handoff: 'offer', journeyId: 'j-desk' });
    desk.session.continueOnPhone();
    await until(desk.session, (s) => s.handoff?.state === 'waiting');
    const phone = harness(
      { handoff: 'phone', autoCapture: false },
      testEnvironment({ handoff: fakeHandoffEnvironment(HANDOFF_TOKEN) }),
    );
    await until(phone.session, (s) => s.phone?.state === 'connected');
    const stream = await phone.cameraOn();
    desk.session.cancel();
    const closed = await until(phone.session, (s) => s.phone?.state === 'closed');
    expect(closed.phone?.error).toBe('HANDOFF_CLOSED');
    expect(closed.status).toBe('idle');
    expect(closed.cameraOn).toBe(false);
    expect(stream.track.stopped).toBe(true);
    phone.unmount();
    desk.unmount();
  });

  it('tells the desktop when its page goes away, and a reload of the same tab carries on with its key', async () => {
    const backend = fakeHandoffServer(server);
    const desk = harness({ handoff: 'offer', journeyId: 'j-desk' });
    desk.session.continueOnPhone();
    await until(desk.session, (s) => s.handoff?.state === 'waiting');
    const handoffEnv = fakeHandoffEnvironment(HANDOFF_TOKEN);
    const phone = harness({ handoff: 'phone' }, testEnvironment({ handoff: handoffEnv }));
    await until(phone.session, (s) => s.phone?.state === 'connected');
    // A reload: the page hides first (the desktop hears it), then the same tab carries on with its key.
    handoffEnv.hide();
    await until(desk.session, (s) => s.handoff?.state === 'phone_left');
    expect(backend.latest().reports.at(-1)).toBe('left');
    phone.unmount();
    const reloadedEnv = Object.assign(fakeHandoffEnvironment(), { storage: handoffEnv.storage });
    const reloaded = harness({ handoff: 'phone' }, testEnvironment({ handoff: reloadedEnv }));
    await until(reloaded.session, (s) => s.phone?.state === 'connected');
    expect(backend.latest().phone).toBe('phone-1');
    await until(desk.session, (s) => s.handoff?.state === 'connected');
    // An unmount is not a leave (a remount carries on); the unmounted page's pagehide is unhooked.
    reloaded.unmount();
    reloadedEnv.hide();
    expect(backend.latest().reports.at(-1)).not.toBe('left');
    desk.unmount();
  });
});
