import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMIT_WAIT_MS } from '../api/resend.ts';
import { jpegBytes, testEnvironment } from './testing/fakes.ts';
import { BASE, harness, journeys, LIVE, okaylive, sameBytes, until } from './testing/harness.ts';

/** The check of a capture, end to end through the real API client against a mocked service. */

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const settled = (status: string) => status === 'result' || status === 'error';

describe('nothing lost: a failure of the path resends the same image', () => {
  it.each([
    ['a network failure', () => HttpResponse.error(), 'NETWORK_ERROR'],
    [
      'a 502 HTML page from a proxy',
      () =>
        new HttpResponse('<html><body>Bad Gateway</body></html>', {
          status: 502,
          headers: { 'Content-Type': 'text/html' },
        }),
      'HTTP_ERROR',
    ],
    ['a 500', () => HttpResponse.json({ status: 'Internal Server Error' }, { status: 500 }), 'HTTP_ERROR'],
    [
      'a 200 with an error code',
      () => HttpResponse.json({ status: 'error', messageCode: null, message: 'UNEXPECTED_ERROR' }),
      'UNEXPECTED_ERROR',
    ],
    [
      'a 200 that is not JSON',
      () => new HttpResponse('OK', { status: 200, headers: { 'Content-Type': 'text/plain' } }),
      'INVALID_RESPONSE',
    ],
    [
      'a 200 HTML page (SPA fallback)',
      () => new HttpResponse('<!doctype html><html></html>', { status: 200, headers: { 'Content-Type': 'text/html' } }),
      'INVALID_RESPONSE',
    ],
    [
      'a quota error',
      () => HttpResponse.json({ status: 'error', message: 'MAX_API_CALL_EXCEEDED' }, { status: 400 }),
      'MAX_API_CALL_EXCEEDED',
    ],
  ] as const)('after %s, "Try again" resends the same image and the verdict arrives', async (_name, first, code) => {
    journeys(server, ['j-1']);
    const seen = okaylive(server, [first, () => HttpResponse.json(LIVE)]);
    const h = harness();
    await h.autoCapture();
    const failed = await until(h.session, (s) => s.status === 'error');
    expect(failed.error).toEqual(expect.objectContaining({ code, source: 'api', retryable: true }));
    expect(failed.way).toBe('resend');
    expect(h.heard.errors).toEqual([failed.error]);
    const capture = failed.capture;
    await h.session.retry();
    const done = await until(h.session, (s) => s.status === 'result');
    expect(done.verdict?.outcome).toBe('live');
    expect(done.capture).toBe(capture);
    expect(h.heard.results).toHaveLength(1);
    expect(h.heard.captures).toHaveLength(1);
    expect(seen).toHaveLength(2);
    expect(sameBytes(seen[0]?.bytes, seen[1]?.bytes)).toBe(true);
    expect(seen.map((s) => s.journeyId)).toEqual(['j-1', 'j-1']);
    h.unmount();
  });

  it('times out, keeps the capture, and resends', async () => {
    const seen = okaylive(server, [
      async () => {
        await delay(400);
        return HttpResponse.json(LIVE);
      },
      () => HttpResponse.json(LIVE),
    ]);
    const h = harness({ journeyId: 'j', timeoutMs: 50 });
    await h.autoCapture();
    await until(h.session, (s) => s.status === 'error');
    expect(h.heard.errors.map((e) => e.code)).toEqual(['TIMEOUT']);
    await h.session.retry();
    await until(h.session, (s) => s.status === 'result');
    expect(seen).toHaveLength(2);
    h.unmount();
  });

  it('sends one request however often "Try again" is pressed while one is in flight', async () => {
    const seen = okaylive(server, [
      async () => {
        await delay(50);
        return HttpResponse.json(LIVE);
      },
    ]);
    const h = harness({ journeyId: 'j' });
    await h.autoCapture();
    await Promise.all([h.session.retry(), h.session.retry(), h.session.retry()]);
    await until(h.session, (s) => s.status === 'result');
    await h.session.retry(); // a click on the result screen sends nothing
    expect(seen).toHaveLength(1);
    h.unmount();
  });

  it('an image the service cannot read asks for a new capture, not a resend', async () => {
    okaylive(server, [() => HttpResponse.json({ status: 'error', message: 'UNRECOGNIZED_IMAGE' })]);
    const h = harness({ journeyId: 'j' });
    await h.autoCapture();
    const failed = await until(h.session, (s) => s.status === 'error');
    expect(failed.error).toEqual(expect.objectContaining({ code: 'UNRECOGNIZED_IMAGE', retryable: false }));
    expect(failed.way).toBe('retake');
    h.session.retake();
    const again = await until(h.session, (s) => s.status === 'camera_starting');
    expect(again.capture).toBeNull();
    expect(again.error).toBeNull();
    h.unmount();
  });

  it.each([
    [
      'a success body without quality',
      () => HttpResponse.json({ status: 'success', probability: 0.99 }),
      'error:INVALID_RESPONSE',
    ],
    ['an error status with figures', () => HttpResponse.json({ ...LIVE, status: 'error' }), 'error:UNEXPECTED_ERROR'],
    ['figures with an HTTP 500', () => HttpResponse.json(LIVE, { status: 500 }), 'error:HTTP_ERROR'],
    ['a probability out of range', () => HttpResponse.json({ ...LIVE, probability: 1.5 }), 'error:INVALID_RESPONSE'],
    ['a live probability with low quality', () => HttpResponse.json({ ...LIVE, quality: 0.3 }), 'verdict:retake'],
  ] as const)('never claims a pass the server did not give: %s', async (_name, reply, expected) => {
    okaylive(server, [reply]);
    const h = harness({ journeyId: 'j' });
    await h.autoCapture();
    const s = await until(h.session, (x) => settled(x.status));
    expect(s.status === 'result' ? `verdict:${s.verdict?.outcome}` : `error:${s.error?.code}`).toBe(expected);
    expect(h.heard.results.filter((v) => v.outcome === 'live')).toEqual([]);
    h.unmount();
  });
});

describe('offline and Retry-After', () => {
  it('offline: fails at once without a request, and resends once back online', async () => {
    let online = false;
    const seen = okaylive(server, [() => HttpResponse.json(LIVE)]);
    const h = harness({
      journeyId: 'j',
      fetcher: (input, init) => (online ? fetch(input, init) : Promise.reject(new TypeError('Failed to fetch'))),
    });
    await h.autoCapture();
    await until(h.session, (s) => s.status === 'error');
    expect(h.heard.errors).toEqual([expect.objectContaining({ code: 'NETWORK_ERROR', retryable: true })]);
    expect(seen).toHaveLength(0);
    online = true;
    await h.session.retry();
    expect((await until(h.session, (s) => s.status === 'result')).verdict?.outcome).toBe('live');
    expect(seen).toHaveLength(1);
    h.unmount();
  });

  it.each([
    [
      '429 with Retry-After: 7',
      () => HttpResponse.json({ status: 'error' }, { status: 429, headers: { 'Retry-After': '7' } }),
      'RATE_LIMITED',
      7000,
    ],
    [
      '429 without Retry-After',
      () => HttpResponse.json({ status: 'error' }, { status: 429 }),
      'RATE_LIMITED',
      DEFAULT_RATE_LIMIT_WAIT_MS,
    ],
    [
      '503 with Retry-After: 2',
      () => new HttpResponse('busy', { status: 503, headers: { 'Retry-After': '2' } }),
      'SERVICE_UNAVAILABLE',
      2000,
    ],
  ] as const)('%s: refuses to resend before the time, then resends', async (_name, first, code, wait) => {
    let clock = 1_000_000;
    const seen = okaylive(server, [first, () => HttpResponse.json(LIVE)]);
    const h = harness({ journeyId: 'j' }, testEnvironment({ now: () => clock }));
    await h.autoCapture();
    const failed = await until(h.session, (s) => s.status === 'error');
    expect(failed.error).toEqual(expect.objectContaining({ code, retryable: true, retryAt: 1_000_000 + wait }));
    clock += wait - 1;
    await h.session.retry();
    expect(seen).toHaveLength(1);
    expect(h.session.getSnapshot().status).toBe('error');
    clock += 1;
    await h.session.retry();
    await until(h.session, (s) => s.status === 'result');
    expect(seen).toHaveLength(2);
    h.unmount();
  });
});

describe('journeys', () => {
  const invalid = () => HttpResponse.json({ status: 'error', messageCode: null, message: 'INVALID_JOURNEY_ID' });

  it('a journey the widget made is renewed and the same image resent, without asking the person', async () => {
    const created = journeys(server, ['j-old', 'j-new']);
    const seen = okaylive(server, [invalid, () => HttpResponse.json(LIVE)]);
    const h = harness();
    await h.autoCapture();
    const done = await until(h.session, (s) => settled(s.status));
    expect(done.status).toBe('result');
    expect(h.heard.states).not.toContain('error');
    expect(h.heard.errors).toEqual([]);
    expect(done.journeyId).toBe('j-new');
    expect(created()).toBe(2);
    expect(seen.map((s) => s.journeyId)).toEqual(['j-old', 'j-new']);
    expect(sameBytes(seen[0]?.bytes, seen[1]?.bytes)).toBe(true);
    h.unmount();
  });

  it('a renewed journey that is refused again is reported, not retried in a loop', async () => {
    journeys(server, ['j-1', 'j-2', 'j-3']);
    const seen = okaylive(server, [invalid]);
    const h = harness();
    await h.autoCapture();
    await until(h.session, (s) => s.status === 'error');
    expect(seen).toHaveLength(2);
    expect(h.heard.errors).toEqual([expect.objectContaining({ code: 'INVALID_JOURNEY_ID', retryable: false })]);
    h.unmount();
  });

  it("the host's journey is never replaced: the host is told, and its new journeyId resends the kept image", async () => {
    const created = journeys(server, ['never']);
    const seen = okaylive(server, [invalid, () => HttpResponse.json(LIVE)]);
    const h = harness({ journeyId: 'host-1' });
    await h.autoCapture();
    const failed = await until(h.session, (s) => s.status === 'error');
    expect(created()).toBe(0);
    expect(failed.way).toBe('none');
    await h.session.retry();
    expect(seen).toHaveLength(1);
    h.session.update({ apiBaseUrl: BASE, journeyId: 'host-2' });
    const done = await until(h.session, (s) => s.status === 'result');
    expect(done.capture).toBe(failed.capture);
    expect(seen.map((s) => s.journeyId)).toEqual(['host-1', 'host-2']);
    h.unmount();
  });

  it('a journey that cannot be created is a retryable failure, and "Try again" creates it', async () => {
    let n = 0;
    server.use(
      http.post(`${BASE}/journeyid`, () =>
        n++ === 0
          ? HttpResponse.json({ status: 'Internal Server Error' }, { status: 500 })
          : HttpResponse.json({ status: 'success', journeyId: 'j-9' }),
      ),
    );
    const seen = okaylive(server, [() => HttpResponse.json(LIVE)]);
    const h = harness();
    await h.autoCapture();
    await until(h.session, (s) => s.status === 'error');
    expect(h.heard.errors).toEqual([expect.objectContaining({ code: 'HTTP_ERROR', status: 500, retryable: true })]);
    await h.session.retry();
    await until(h.session, (s) => s.status === 'result');
    expect(seen.map((s) => s.journeyId)).toEqual(['j-9']);
    h.unmount();
  });
});

describe('413: a smaller copy of the same selfie', () => {
  const tooLarge = () => HttpResponse.json({ status: 'error', message: 'Request size exceed 5MB' }, { status: 413 });

  it('sends a smaller copy of the same capture on "Try again"', async () => {
    const seen = okaylive(server, [tooLarge, () => HttpResponse.json(LIVE)]);
    const shrunk: number[] = [];
    const env = {
      ...testEnvironment(),
      shrink: async (_blob: Blob, refused: number) => (shrunk.push(refused), jpegBytes(Math.floor(refused * 0.5))),
    };
    const h = harness({ journeyId: 'j' }, env);
    await h.autoCapture();
    const failed = await until(h.session, (s) => s.status === 'error');
    expect(failed.error).toEqual(expect.objectContaining({ code: 'REQUEST_TOO_LARGE', retryable: true }));
    expect(shrunk).toEqual([failed.capture?.blob.size]);
    await h.session.retry();
    const done = await until(h.session, (s) => s.status === 'result');
    expect(seen[1]?.bytes.length).toBeLessThan(seen[0]?.bytes.length ?? 0);
    expect(done.capture).toBe(failed.capture); // the host's capture is untouched
    h.unmount();
  });

  it('asks for a new capture when no smaller copy can be made', async () => {
    okaylive(server, [tooLarge]);
    const h = harness({ journeyId: 'j' }, { ...testEnvironment(), shrink: async () => null });
    await h.autoCapture();
    const failed = await until(h.session, (s) => s.status === 'error');
    expect(failed.error).toEqual(expect.objectContaining({ code: 'REQUEST_TOO_LARGE', retryable: false }));
    expect(failed.way).toBe('retake');
    h.unmount();
  });
});

describe('leaving while a request is in flight', () => {
  function slowService() {
    const state = { arrived: false, aborted: false };
    server.use(
      http.post(`${BASE}/okaylive`, async ({ request }) => {
        state.arrived = true;
        request.signal.addEventListener('abort', () => {
          state.aborted = true;
        });
        await delay(150);
        return HttpResponse.json(LIVE);
      }),
    );
    return state;
  }

  it('unmount aborts the request and then says nothing', async () => {
    const service = slowService();
    const h = harness({ journeyId: 'j' });
    await h.autoCapture();
    await until(h.session, () => service.arrived);
    const before = h.heard.states.length;
    h.unmount();
    await delay(250);
    expect(service.aborted).toBe(true);
    expect(h.heard.states).toHaveLength(before);
    expect(h.heard.results).toEqual([]);
    expect(h.heard.errors).toEqual([]);
  });

  it('Cancel aborts it, drops the late answer, and tells the host', async () => {
    const service = slowService();
    const h = harness({ journeyId: 'j' });
    await h.autoCapture();
    await until(h.session, () => service.arrived);
    h.session.cancel();
    expect(h.session.getSnapshot().status).toBe('idle');
    await delay(250);
    expect(service.aborted).toBe(true);
    expect(h.session.getSnapshot().status).toBe('idle');
    expect(h.heard.cancels).toBe(1);
    expect(h.heard.results).toEqual([]);
    expect(h.heard.errors).toEqual([]);
    h.unmount();
  });
});
