import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOkayLiveClient, parseRetryAfter } from './client.ts';
import { failure } from './testing/failure.ts';

const BASE = 'http://host.test/api/ekyc';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const image = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], { type: 'image/jpeg' });
const client = createOkayLiveClient({ apiBaseUrl: BASE });

describe('checkLiveness', () => {
  it('posts imageBest (selfie.jpg) and journeyId as multipart and reads the verdict', async () => {
    let seen: { journeyId: unknown; name: unknown; type: unknown; size: unknown } | null = null;
    server.use(
      http.post(`${BASE}/okaylive`, async ({ request }) => {
        const form = await request.formData();
        const file = form.get('imageBest');
        seen = {
          journeyId: form.get('journeyId'),
          name: file instanceof File ? file.name : null,
          type: file instanceof File ? file.type : null,
          size: file instanceof File ? file.size : null,
        };
        return HttpResponse.json({
          status: 'success',
          messageCode: 'api.success',
          probability: 0.9999331,
          score: 9.612308,
          quality: 0.6691686,
        });
      }),
    );
    const verdict = await client.checkLiveness({ imageBest: image, journeyId: 'j-1' });
    expect(seen).toEqual({ journeyId: 'j-1', name: 'selfie.jpg', type: 'image/jpeg', size: 7 });
    expect(verdict).toEqual({ outcome: 'live', probability: 0.9999331, score: 9.612308, quality: 0.6691686 });
  });

  it.each([
    [
      '200 with an error code',
      200,
      { status: 'error', messageCode: null, message: 'INVALID_JOURNEY_ID' },
      'INVALID_JOURNEY_ID',
    ],
    ['400 with a code', 400, { status: 'error', messageCode: null, message: 'MISSING_ARGUMENTS' }, 'MISSING_ARGUMENTS'],
    ['400 bare', 400, { status: 'error' }, 'HTTP_ERROR'],
    ['413 sentence', 413, { status: 'error', message: 'Request size exceed 5MB' }, 'REQUEST_TOO_LARGE'],
    ['500', 500, { status: 'Internal Server Error' }, 'HTTP_ERROR'],
    ['200 unknown error', 200, { status: 'error', message: 'SOMETHING_NEW' }, 'UNEXPECTED_ERROR'],
    [
      'success missing fields',
      200,
      { status: 'success', messageCode: 'api.success', probability: 0.9 },
      'INVALID_RESPONSE',
    ],
    ['success out of range', 200, { status: 'success', probability: 1.7, quality: 0.6, score: 1 }, 'INVALID_RESPONSE'],
  ] as const)('%s → %s', async (_name, status, body, code) => {
    server.use(http.post(`${BASE}/okaylive`, () => HttpResponse.json(body, { status })));
    const error = await failure(client.checkLiveness({ imageBest: image, journeyId: 'j' }));
    expect(error.code).toBe(code);
  });

  it.each(['FACE_NOT_FOUND', 'TOO_MANY_FACES', 'FACE_TOO_SMALL', 'EYES_CLOSED'] as const)(
    'a face code (%s) in a 200 or 400 is a retake verdict, not an error',
    async (code) => {
      for (const status of [200, 400]) {
        server.use(
          http.post(`${BASE}/okaylive`, () =>
            HttpResponse.json({ status: 'error', messageCode: null, message: code }, { status }),
          ),
        );
        expect(await client.checkLiveness({ imageBest: image, journeyId: 'j' })).toEqual({
          outcome: 'retake',
          reason: code,
        });
      }
    },
  );

  it.each([
    ['live', { outcome: 'live' }],
    ['not_live', { outcome: 'not_live' }],
    ['retake', { outcome: 'retake', reason: 'LOW_QUALITY' }],
  ] as const)('a verdict-only answer (%s) is the outcome without figures', async (outcome, verdict) => {
    server.use(
      http.post(`${BASE}/okaylive`, () =>
        HttpResponse.json({ status: 'success', messageCode: 'api.success', outcome }),
      ),
    );
    expect(await client.checkLiveness({ imageBest: image, journeyId: 'j' })).toEqual(verdict);
  });

  it.each([
    ['an unknown outcome', { status: 'success', messageCode: 'api.success', outcome: 'maybe' }],
    ['an outcome on an error', { status: 'error', messageCode: 'api.success', outcome: 'live' }],
  ])('never reads a pass from %s', async (_name, body) => {
    server.use(http.post(`${BASE}/okaylive`, () => HttpResponse.json(body)));
    const error = await failure(client.checkLiveness({ imageBest: image, journeyId: 'j' }));
    expect(['INVALID_RESPONSE', 'UNEXPECTED_ERROR']).toContain(error.code);
  });

  it('a body that is not JSON is INVALID_RESPONSE on 200 and HTTP_ERROR on 502', async () => {
    server.use(
      http.post(
        `${BASE}/okaylive`,
        () => new HttpResponse('<html>oops</html>', { status: 200, headers: { 'Content-Type': 'text/html' } }),
      ),
    );
    expect((await failure(client.checkLiveness({ imageBest: image, journeyId: 'j' }))).code).toBe('INVALID_RESPONSE');
    server.use(http.post(`${BASE}/okaylive`, () => new HttpResponse('<html>Bad gateway</html>', { status: 502 })));
    const error = await failure(client.checkLiveness({ imageBest: image, journeyId: 'j' }));
    expect(error.code).toBe('HTTP_ERROR');
    expect(error.status).toBe(502);
    expect(error.retryable).toBe(true);
  });

  it('a network failure is NETWORK_ERROR and retryable', async () => {
    server.use(http.post(`${BASE}/okaylive`, () => HttpResponse.error()));
    const error = await failure(client.checkLiveness({ imageBest: image, journeyId: 'j' }));
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.retryable).toBe(true);
  });

  it('aborts after the timeout with TIMEOUT', async () => {
    server.use(
      http.post(`${BASE}/okaylive`, async () => {
        await delay(500);
        return HttpResponse.json({ status: 'success', probability: 1, quality: 1, score: 1 });
      }),
    );
    const quick = createOkayLiveClient({ apiBaseUrl: BASE, timeoutMs: 50 });
    expect((await failure(quick.checkLiveness({ imageBest: image, journeyId: 'j' }))).code).toBe('TIMEOUT');
  });

  it('a caller abort is ABORTED, not a timeout', async () => {
    server.use(
      http.post(`${BASE}/okaylive`, async () => {
        await delay(500);
        return HttpResponse.json({});
      }),
    );
    const controller = new AbortController();
    const pending = client.checkLiveness({ imageBest: image, journeyId: 'j' }, controller.signal);
    setTimeout(() => controller.abort(), 20);
    expect((await failure(pending)).code).toBe('ABORTED');
  });

  it('429 carries Retry-After', async () => {
    server.use(
      http.post(`${BASE}/okaylive`, () =>
        HttpResponse.json({ status: 'error' }, { status: 429, headers: { 'Retry-After': '7' } }),
      ),
    );
    const error = await failure(client.checkLiveness({ imageBest: image, journeyId: 'j' }));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryAfterMs).toBe(7000);
  });

  it('sends host headers and credentials mode', async () => {
    let auth: string | null = null;
    server.use(
      http.post(`${BASE}/okaylive`, ({ request }) => {
        auth = request.headers.get('x-host-session');
        return HttpResponse.json({
          status: 'success',
          messageCode: 'api.success',
          probability: 0.2,
          score: -1.4,
          quality: 0.8,
        });
      }),
    );
    const hosted = createOkayLiveClient({
      apiBaseUrl: `${BASE}/`,
      headers: { 'X-Host-Session': 's1' },
      credentials: 'include',
    });
    expect((await hosted.checkLiveness({ imageBest: image, journeyId: 'j' })).outcome).toBe('not_live');
    expect(auth).toBe('s1');
  });
});

describe('fault reading', () => {
  it('offline: fails at once with OFFLINE and sends nothing', async () => {
    let requests = 0;
    server.use(
      http.post(`${BASE}/okaylive`, () => {
        requests++;
        return HttpResponse.json({});
      }),
    );
    const offline = createOkayLiveClient({ apiBaseUrl: BASE, isOnline: () => false });
    const error = await failure(offline.checkLiveness({ imageBest: image, journeyId: 'j' }));
    expect(error.code).toBe('OFFLINE');
    expect(error.retryable).toBe(true);
    expect(requests).toBe(0);
  });

  it('a network failure while the device went offline is OFFLINE, not a generic network error', async () => {
    let online = true;
    server.use(
      http.post(`${BASE}/okaylive`, () => {
        online = false;
        return HttpResponse.error();
      }),
    );
    const flaky = createOkayLiveClient({ apiBaseUrl: BASE, isOnline: () => online });
    expect((await failure(flaky.checkLiveness({ imageBest: image, journeyId: 'j' }))).code).toBe('OFFLINE');
  });

  it.each([
    [
      '502 HTML from a proxy',
      502,
      'text/html',
      '<html><body><h1>502 Bad Gateway</h1></body></html>',
      'HTTP_ERROR',
      true,
      /HTML page/,
    ],
    [
      '504 HTML from a gateway',
      504,
      'text/html; charset=utf-8',
      '<!DOCTYPE html><title>Gateway Timeout</title>',
      'HTTP_ERROR',
      true,
      /HTML page/,
    ],
    [
      '200 HTML (SPA fallback: wrong apiBaseUrl)',
      200,
      'text/html',
      '<!doctype html><div id=root></div>',
      'INVALID_RESPONSE',
      true,
      /apiBaseUrl/,
    ],
    ['200 plain text', 200, 'text/plain', 'OK', 'INVALID_RESPONSE', true, /not JSON/],
    [
      '413 HTML from nginx',
      413,
      'text/html',
      '<html><head><title>413 Request Entity Too Large</title></head></html>',
      'PAYLOAD_TOO_LARGE',
      false,
      /HTML page/,
    ],
    ['429 text', 429, 'text/plain', 'slow down', 'RATE_LIMITED', true, /not JSON/],
    ['408 from a proxy', 408, 'text/html', '<html>timeout</html>', 'HTTP_ERROR', true, /HTML page/],
    ['403 from a WAF', 403, 'text/html', '<html>Forbidden</html>', 'HTTP_ERROR', false, /HTML page/],
  ] as const)(
    '%s → %s (retryable %s), and says so to developers only',
    async (_name, status, type, text, code, retryable, detail) => {
      server.use(
        http.post(`${BASE}/okaylive`, () => new HttpResponse(text, { status, headers: { 'Content-Type': type } })),
      );
      const error = await failure(client.checkLiveness({ imageBest: image, journeyId: 'j' }));
      expect(error.code).toBe(code);
      expect(error.retryable).toBe(retryable);
      expect(error.message).toMatch(detail);
      expect(error.message).not.toContain('<');
    },
  );

  it('never reads a pass from a failed HTTP status, whatever the body says', async () => {
    server.use(
      http.post(`${BASE}/okaylive`, () =>
        HttpResponse.json({ status: 'success', probability: 1, quality: 1, score: 16 }, { status: 500 }),
      ),
    );
    expect((await failure(client.checkLiveness({ imageBest: image, journeyId: 'j' }))).code).toBe('HTTP_ERROR');
  });

  it.each([
    ['MAX_API_CALL_EXCEEDED', true],
    ['API_KEY_EXPIRED', true],
    ['MISSING_ARGUMENTS', true],
    ['UNRECOGNIZED_IMAGE', false],
    ['FAILED_TO_DECODE_IMAGE', false],
    ['INVALID_JOURNEY_ID', false],
  ] as const)('%s retryable: %s', async (message, retryable) => {
    server.use(http.post(`${BASE}/okaylive`, () => HttpResponse.json({ status: 'error', message })));
    expect((await failure(client.checkLiveness({ imageBest: image, journeyId: 'j' }))).retryable).toBe(retryable);
  });
});

describe('createJourney', () => {
  it('posts without a body and returns the journeyId', async () => {
    let bodyLength = -1;
    server.use(
      http.post(`${BASE}/journeyid`, async ({ request }) => {
        bodyLength = (await request.arrayBuffer()).byteLength;
        return HttpResponse.json({ status: 'success', message: 'api.success', journeyId: '7851b4e3-aaaa' });
      }),
    );
    expect(await client.createJourney()).toBe('7851b4e3-aaaa');
    expect(bodyLength).toBe(0);
  });

  it.each([
    [200, { status: 'success', message: 'api.success' }, 'INVALID_RESPONSE'],
    [400, { status: 'error' }, 'HTTP_ERROR'],
    [500, { status: 'Internal Server Error' }, 'HTTP_ERROR'],
    [200, { status: 'error', message: 'MAX_JOURNEY_EXCEEDED' }, 'MAX_JOURNEY_EXCEEDED'],
  ] as const)('%s %j → %s', async (status, body, code) => {
    server.use(http.post(`${BASE}/journeyid`, () => HttpResponse.json(body, { status })));
    expect((await failure(client.createJourney())).code).toBe(code);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['3', 3000],
    ['0', 0],
    [null, undefined],
    ['soon', undefined],
    ['Wed, 25 Nov 2026 20:00:10 GMT', 10_000],
  ] as const)('%s → %s', (value, ms) => {
    expect(parseRetryAfter(value, Date.parse('Wed, 25 Nov 2026 20:00:00 GMT'))).toBe(ms);
  });
});
