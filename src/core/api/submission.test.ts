import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSessionStore, type SessionStore } from '../session/store.ts';
import type { Capture, WidgetError } from '../session/types.ts';
import { createOkayLiveClient } from './client.ts';
import { DEFAULT_RATE_LIMIT_WAIT_MS, createSubmitter, type SubmitterOptions } from './submission.ts';

const BASE = 'http://host.test/api/ekyc';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const LIVE = { status: 'success', messageCode: 'api.success', probability: 0.97, score: 3.5, quality: 0.8 };
const jpeg = (n: number) => new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...Array.from({ length: n }, (_, i) => i % 251)])], { type: 'image/jpeg' });

/** Records every upload's image bytes and journeyId, and answers with the next scripted reply. */
function okaylive(replies: Array<() => Response | Promise<Response>>) {
  const seen: Array<{ journeyId: string; bytes: Uint8Array }> = [];
  server.use(
    http.post(`${BASE}/okaylive`, async ({ request }) => {
      const form = await request.formData();
      const file = form.get('imageBest');
      seen.push({ journeyId: String(form.get('journeyId')), bytes: new Uint8Array(file instanceof File ? await file.arrayBuffer() : new ArrayBuffer(0)) });
      const reply = replies[Math.min(seen.length - 1, replies.length - 1)];
      if (!reply) throw new Error('no reply scripted');
      return reply();
    }),
  );
  return seen;
}

function journeys(ids: string[]) {
  let n = 0;
  server.use(http.post(`${BASE}/journeyid`, () => HttpResponse.json({ status: 'success', message: 'api.success', journeyId: ids[Math.min(n++, ids.length - 1)] })));
  return () => n;
}

function captured(store: SessionStore, blob = jpeg(64)): Capture {
  const capture: Capture = { blob, meta: { width: 810, height: 1080, bytes: blob.size, jpegQuality: 0.95, mode: 'manual', camera: null, lowResolution: false, capturedAt: '' } };
  const s = store.getState();
  s.startCamera();
  s.cameraReady();
  s.beginCapture();
  s.captured(capture);
  return capture;
}

function setup(extra: Partial<SubmitterOptions> & { journeyId?: string } = {}) {
  const store = createSessionStore(extra.journeyId ? { journeyId: extra.journeyId } : {});
  const errors: WidgetError[] = [];
  const onResult = vi.fn();
  const submitter = createSubmitter({
    store,
    client: createOkayLiveClient({ apiBaseUrl: BASE, timeoutMs: extra.journeyId === 'slow' ? 50 : 30_000 }),
    journeyOwner: () => (extra.journeyId ? 'host' : 'widget'),
    onResult,
    onError: (e) => errors.push(e),
    ...extra,
  });
  const capture = captured(store);
  return { store, submitter, errors, onResult, capture };
}

const same = (a: Uint8Array | undefined, b: Uint8Array | undefined) => !!a && !!b && Buffer.from(a).equals(Buffer.from(b));

describe('submitter: nothing lost', () => {
  it.each([
    ['a network failure', () => HttpResponse.error(), 'NETWORK_ERROR'],
    ['a 502 HTML page from a proxy', () => new HttpResponse('<html><body>Bad Gateway</body></html>', { status: 502, headers: { 'Content-Type': 'text/html' } }), 'HTTP_ERROR'],
    ['a 500', () => HttpResponse.json({ status: 'Internal Server Error' }, { status: 500 }), 'HTTP_ERROR'],
    ['a 200 with an error code', () => HttpResponse.json({ status: 'error', messageCode: null, message: 'UNEXPECTED_ERROR' }), 'UNEXPECTED_ERROR'],
    ['a 200 that is not JSON', () => new HttpResponse('OK', { status: 200, headers: { 'Content-Type': 'text/plain' } }), 'INVALID_RESPONSE'],
    ['a 200 HTML page (SPA fallback)', () => new HttpResponse('<!doctype html><html></html>', { status: 200, headers: { 'Content-Type': 'text/html' } }), 'INVALID_RESPONSE'],
    ['a quota error', () => HttpResponse.json({ status: 'error', message: 'MAX_API_CALL_EXCEEDED' }, { status: 400 }), 'MAX_API_CALL_EXCEEDED'],
  ] as const)('after %s, "Try again" resends the same image and the verdict arrives', async (_name, first, code) => {
    journeys(['j-1']);
    const seen = okaylive([first, () => HttpResponse.json(LIVE)]);
    const { store, submitter, errors, onResult, capture } = setup();
    await submitter.submit();
    expect(store.getState().status).toBe('error');
    expect(errors).toEqual([expect.objectContaining({ code, source: 'api', retryable: true })]);
    expect(store.getState().capture).toBe(capture);
    await submitter.submit();
    expect(store.getState().status).toBe('result');
    expect(store.getState().verdict?.outcome).toBe('live');
    expect(onResult).toHaveBeenCalledTimes(1);
    expect(seen).toHaveLength(2);
    expect(same(seen[0]?.bytes, seen[1]?.bytes)).toBe(true);
    expect(seen.map((s) => s.journeyId)).toEqual(['j-1', 'j-1']);
  });

  it('times out, keeps the capture, and resends', async () => {
    const seen = okaylive([
      async () => {
        await delay(400);
        return HttpResponse.json(LIVE);
      },
      () => HttpResponse.json(LIVE),
    ]);
    const { store, submitter, errors } = setup({ journeyId: 'slow' });
    await submitter.submit();
    expect(errors.map((e) => e.code)).toEqual(['TIMEOUT']);
    await submitter.submit();
    expect(store.getState().status).toBe('result');
    expect(seen).toHaveLength(2);
  });

  it('offline: fails at once without a request, and resends once back online', async () => {
    let online = false;
    const seen = okaylive([() => HttpResponse.json(LIVE)]);
    const store = createSessionStore({ journeyId: 'j' });
    const errors: WidgetError[] = [];
    const submitter = createSubmitter({
      store,
      client: createOkayLiveClient({ apiBaseUrl: BASE, isOnline: () => online }),
      journeyOwner: () => 'host',
      onError: (e) => errors.push(e),
    });
    captured(store);
    await submitter.submit();
    expect(errors).toEqual([expect.objectContaining({ code: 'OFFLINE', retryable: true })]);
    expect(seen).toHaveLength(0);
    online = true;
    await submitter.submit();
    expect(store.getState().verdict?.outcome).toBe('live');
    expect(seen).toHaveLength(1);
  });

  it('sends one request however often submit is called while one is in flight', async () => {
    const seen = okaylive([
      async () => {
        await delay(30);
        return HttpResponse.json(LIVE);
      },
    ]);
    const { store, submitter } = setup({ journeyId: 'j' });
    await Promise.all([submitter.submit(), submitter.submit(), submitter.submit()]);
    expect(seen).toHaveLength(1);
    await submitter.submit(); // a click on the result screen sends nothing
    expect(seen).toHaveLength(1);
    expect(store.getState().status).toBe('result');
  });

  it('an image the service cannot read asks for a new capture, not a resend', async () => {
    okaylive([() => HttpResponse.json({ status: 'error', message: 'UNRECOGNIZED_IMAGE' })]);
    const { store, submitter, errors } = setup({ journeyId: 'j' });
    await submitter.submit();
    expect(errors).toEqual([expect.objectContaining({ code: 'UNRECOGNIZED_IMAGE', retryable: false })]);
    expect(store.getState().submit()).toBe(false);
  });

  it('never claims a pass the server did not give', async () => {
    okaylive([
      () => HttpResponse.json({ status: 'success', probability: 0.99 }), // quality missing
      () => HttpResponse.json({ ...LIVE, status: 'error' }),
      () => HttpResponse.json(LIVE, { status: 500 }),
      () => HttpResponse.json({ ...LIVE, quality: 0.3 }),
    ]);
    const { store, submitter, onResult } = setup({ journeyId: 'j' });
    const outcomes: string[] = [];
    for (let i = 0; i < 4; i++) {
      await submitter.submit();
      const s = store.getState();
      outcomes.push(s.status === 'result' ? `verdict:${s.verdict?.outcome}` : `error:${s.error?.code}`);
    }
    expect(outcomes).toEqual(['error:INVALID_RESPONSE', 'error:UNEXPECTED_ERROR', 'error:HTTP_ERROR', 'verdict:retake']);
    expect(onResult).toHaveBeenCalledWith(expect.objectContaining({ outcome: 'retake' }));
    expect(onResult).not.toHaveBeenCalledWith(expect.objectContaining({ outcome: 'live' }));
  });
});

describe('submitter: Retry-After', () => {
  it.each([
    ['429 with Retry-After: 7', () => HttpResponse.json({ status: 'error' }, { status: 429, headers: { 'Retry-After': '7' } }), 'RATE_LIMITED', 7000],
    ['429 without Retry-After', () => HttpResponse.json({ status: 'error' }, { status: 429 }), 'RATE_LIMITED', DEFAULT_RATE_LIMIT_WAIT_MS],
    ['503 with Retry-After: 2', () => new HttpResponse('busy', { status: 503, headers: { 'Retry-After': '2' } }), 'SERVICE_UNAVAILABLE', 2000],
  ] as const)('%s: refuses to resend before the time, then resends', async (_name, first, code, wait) => {
    let clock = 1_000_000;
    const seen = okaylive([first, () => HttpResponse.json(LIVE)]);
    const { store, submitter, errors } = setup({ journeyId: 'j', now: () => clock });
    await submitter.submit();
    expect(errors).toEqual([expect.objectContaining({ code, retryable: true, retryAt: 1_000_000 + wait })]);
    clock += wait - 1;
    await submitter.submit();
    expect(seen).toHaveLength(1);
    expect(store.getState().status).toBe('error');
    clock += 1;
    await submitter.submit();
    expect(seen).toHaveLength(2);
    expect(store.getState().status).toBe('result');
  });
});

describe('submitter: journeys', () => {
  const invalid = () => HttpResponse.json({ status: 'error', messageCode: null, message: 'INVALID_JOURNEY_ID' });

  it('a journey the widget made is renewed and the same image resent, without asking the person', async () => {
    const created = journeys(['j-old', 'j-new']);
    const seen = okaylive([invalid, () => HttpResponse.json(LIVE)]);
    const { store, submitter, errors } = setup();
    await submitter.submit();
    expect(errors).toEqual([]);
    expect(store.getState().verdict?.outcome).toBe('live');
    expect(store.getState().journeyId).toBe('j-new');
    expect(created()).toBe(2);
    expect(seen.map((s) => s.journeyId)).toEqual(['j-old', 'j-new']);
    expect(same(seen[0]?.bytes, seen[1]?.bytes)).toBe(true);
  });

  it('a renewed journey that is refused again is reported, not retried in a loop', async () => {
    journeys(['j-1', 'j-2', 'j-3']);
    const seen = okaylive([invalid]);
    const { submitter, errors } = setup();
    await submitter.submit();
    expect(seen).toHaveLength(2);
    expect(errors).toEqual([expect.objectContaining({ code: 'INVALID_JOURNEY_ID', retryable: false })]);
  });

  it("the host's journey is never replaced: the host is told, and its new journeyId resends the kept image", async () => {
    const created = journeys(['never']);
    const seen = okaylive([invalid, () => HttpResponse.json(LIVE)]);
    const { store, submitter, errors, capture } = setup({ journeyId: 'host-1' });
    await submitter.submit();
    expect(created()).toBe(0);
    expect(errors).toEqual([expect.objectContaining({ code: 'INVALID_JOURNEY_ID', retryable: false })]);
    expect(store.getState().submit()).toBe(false);
    expect(store.getState().capture).toBe(capture);
    await submitter.journeyChanged('host-2');
    expect(store.getState().verdict?.outcome).toBe('live');
    expect(seen.map((s) => s.journeyId)).toEqual(['host-1', 'host-2']);
  });

  it('a journey that cannot be created is a retryable failure, and "Try again" creates it', async () => {
    let n = 0;
    server.use(
      http.post(`${BASE}/journeyid`, () =>
        n++ === 0 ? HttpResponse.json({ status: 'Internal Server Error' }, { status: 500 }) : HttpResponse.json({ status: 'success', journeyId: 'j-9' }),
      ),
    );
    const seen = okaylive([() => HttpResponse.json(LIVE)]);
    const { store, submitter, errors } = setup();
    await submitter.submit();
    expect(errors).toEqual([expect.objectContaining({ code: 'HTTP_ERROR', status: 500, retryable: true })]);
    await submitter.submit();
    expect(store.getState().status).toBe('result');
    expect(seen.map((s) => s.journeyId)).toEqual(['j-9']);
  });
});

describe('submitter: 413', () => {
  const tooLarge = () => HttpResponse.json({ status: 'error', message: 'Request size exceed 5MB' }, { status: 413 });

  it('sends a smaller copy of the same capture on "Try again"', async () => {
    const seen = okaylive([tooLarge, () => HttpResponse.json(LIVE)]);
    const shrink = vi.fn(async (_blob: Blob, refused: number) => jpeg(Math.floor(refused * 0.5)));
    const { store, submitter, errors, capture } = setup({ journeyId: 'j', shrink });
    await submitter.submit();
    expect(errors).toEqual([expect.objectContaining({ code: 'REQUEST_TOO_LARGE', retryable: true })]);
    expect(shrink).toHaveBeenCalledWith(capture.blob, capture.blob.size);
    await submitter.submit();
    expect(store.getState().status).toBe('result');
    expect(seen[1]?.bytes.length).toBeLessThan(seen[0]?.bytes.length ?? 0);
    expect(store.getState().capture).toBe(capture); // the host's capture is untouched
  });

  it('asks for a new capture when no smaller copy can be made', async () => {
    okaylive([tooLarge]);
    const { submitter, errors } = setup({ journeyId: 'j', shrink: async () => null });
    await submitter.submit();
    expect(errors).toEqual([expect.objectContaining({ code: 'REQUEST_TOO_LARGE', retryable: false })]);
  });
});

describe('submitter: unmount', () => {
  it('aborts the request in flight and then says nothing', async () => {
    let arrived = false;
    server.use(
      http.post(`${BASE}/okaylive`, async () => {
        arrived = true;
        await delay(200);
        return HttpResponse.json(LIVE);
      }),
    );
    const { store, submitter, errors, onResult } = setup({ journeyId: 'j' });
    const pending = submitter.submit();
    await vi.waitFor(() => expect(arrived).toBe(true));
    submitter.dispose();
    await pending;
    expect(store.getState().status).toBe('submitting');
    expect(errors).toEqual([]);
    expect(onResult).not.toHaveBeenCalled();
  });
});

describe('submitter: cancel', () => {
  it('a reset while the request is in flight aborts it, and the late answer is dropped', async () => {
    let arrived = false;
    let aborted = false;
    server.use(
      http.post(`${BASE}/okaylive`, async ({ request }) => {
        arrived = true;
        request.signal.addEventListener('abort', () => {
          aborted = true;
        });
        await delay(100);
        return HttpResponse.json({ status: 'error', message: 'UNEXPECTED_ERROR' });
      }),
    );
    const { store, submitter, errors, onResult } = setup({ journeyId: 'j' });
    const pending = submitter.submit();
    await vi.waitFor(() => expect(arrived).toBe(true));
    store.getState().reset();
    await pending;
    expect(aborted).toBe(true);
    expect(store.getState().status).toBe('idle');
    expect(errors).toEqual([]);
    expect(onResult).not.toHaveBeenCalled();
  });
});
