/**
 * Cross-origin calls over HTTP: a listed origin gets CORS (preflight and answers); any other
 * site's page is refused with a contract 403 before it spends anything, also under load;
 * same-origin pages and clients that are not pages (curl, servers) are unaffected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from './config/config.ts';
import { createEkycMiddleware, type EkycApi } from './handler.ts';
import { jsonLogger } from './http/log.ts';
import { startFakeInnov8tif, type Fake } from './testing/fake-innov8tif.ts';
import { form, selfieJpeg } from './testing/images.ts';
import { serve, type Running } from './testing/serve.ts';

const LISTED = 'https://bank.example';
const EVIL = 'https://evil.example';
let fake: Fake;
let api: EkycApi;
let server: Running;
let jpeg: Buffer;
const logs: Record<string, unknown>[] = [];

beforeAll(async () => {
  jpeg = await selfieJpeg({ height: 1280 });
  fake = await startFakeInnov8tif({ username: 'u', password: 'p' });
  api = createEkycMiddleware(
    readConfig({
      OKAYLIVE_BASE_URL: fake.url,
      OKAYLIVE_USERNAME: 'u',
      OKAYLIVE_PASSWORD: 'p',
      OKAYLIVE_ALLOWED_ORIGINS: `${LISTED}, http://localhost:3000`,
      // Small limits, so that a refusal that spent a token or a place would show.
      OKAYLIVE_JOURNEY_RATE_PER_MINUTE: '3',
      OKAYLIVE_MAX_UPLOADS: '4',
    }),
    { logger: jsonLogger((line) => logs.push(JSON.parse(line) as Record<string, unknown>)) },
  );
  server = await serve(api);
});
afterAll(async () => {
  await server.close();
  await api.close();
  await fake.close();
});

const vendorCalls = () => fake.received.length;
const crossSite = { Origin: EVIL, 'Sec-Fetch-Site': 'cross-site' };
const REFUSED = { status: 'error', messageCode: null, message: 'ORIGIN_NOT_ALLOWED' };

async function post(
  route: 'journeyid' | 'okaylive',
  headers: Record<string, string>,
  journeyId = 'cors-1',
): Promise<Response> {
  const body = route === 'okaylive' ? form({ imageBest: { bytes: jpeg }, journeyId }) : null;
  return fetch(`${server.url}/api/ekyc/${route}`, {
    method: 'POST',
    headers,
    body,
    signal: AbortSignal.timeout(20_000),
  });
}

describe('another site’s page is refused', { timeout: 60_000 }, () => {
  it.each([
    ['a cross-site page', crossSite],
    ['a cross-site page of a browser without Sec-Fetch-Site', { Origin: EVIL }],
    ['a sibling subdomain that is not listed', { Origin: 'https://www.bank.example', 'Sec-Fetch-Site': 'same-site' }],
    ['a sandboxed frame', { Origin: 'null', 'Sec-Fetch-Site': 'cross-site' }],
  ])('%s: 403 in the contract shape on both routes, without CORS headers', async (_name, headers) => {
    for (const route of ['journeyid', 'okaylive'] as const) {
      const r = await post(route, headers);
      expect(r.status, route).toBe(403);
      expect(await r.json()).toEqual(REFUSED);
      expect(r.headers.get('access-control-allow-origin')).toBeNull();
    }
    expect(vendorCalls()).toBe(0);
  });

  it('under load: 200 concurrent cross-site posts are all refused, spend no journey, token or upload place, and reach no vendor', async () => {
    const before = vendorCalls();
    const replies = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const r = await post(i % 2 ? 'okaylive' : 'journeyid', crossSite, `cors-load-${i}`);
        return { status: r.status, body: (await r.json()) as unknown };
      }),
    );
    expect(replies.filter((r) => r.status === 403)).toHaveLength(200);
    for (const r of replies) expect(r.body).toEqual(REFUSED);
    expect(vendorCalls()).toBe(before);
    // Refused from the headers: no upload was read.
    const refusedLines = logs.filter((l) => l.event === 'api' && l.outcome === 'ORIGIN_NOT_ALLOWED');
    expect(refusedLines.length).toBeGreaterThanOrEqual(200);
    for (const line of refusedLines) expect(line.bytesIn).toBeUndefined();
    expect(refusedLines.at(-1)?.origin).toBe(EVIL);
    // The host's own page still has its whole rate (3 a minute) and every upload place.
    const own = { Origin: `${server.url}`, 'Sec-Fetch-Site': 'same-origin' };
    const journeys = await Promise.all([1, 2, 3].map(() => post('journeyid', own)));
    expect(journeys.map((r) => r.status)).toEqual([200, 200, 200]);
    const uploads = await Promise.all([1, 2, 3, 4].map((i) => post('okaylive', own, `own-${i}`)));
    expect(uploads.map((r) => r.status)).toEqual([200, 200, 200, 200]);
  });
});

describe('pages on this origin and clients that are not pages', { timeout: 20_000 }, () => {
  it.each([
    ['curl (no Origin, no Sec-Fetch-Site)', 'same-1', {}],
    ['a same-origin page', 'same-2', { 'Sec-Fetch-Site': 'same-origin', Origin: 'SELF' }],
    ['a same-origin page of a browser without Sec-Fetch-Site', 'same-3', { Origin: 'SELF' }],
  ])('%s: answered, without CORS headers', async (_name, journeyId, template) => {
    const headers: Record<string, string> = { ...template };
    if (headers.Origin === 'SELF') headers.Origin = server.url;
    const r = await post('okaylive', headers, journeyId);
    expect(r.status).toBe(200);
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('a listed origin', { timeout: 20_000 }, () => {
  it.each(['journeyid', 'okaylive'] as const)(
    'preflight for /%s: 204 with the origin echoed, POST, the asked headers, a max age and Vary',
    async (route) => {
      const r = await fetch(`${server.url}/api/ekyc/${route}`, {
        method: 'OPTIONS',
        headers: {
          Origin: LISTED,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'x-csrf-token',
        },
      });
      expect(r.status).toBe(204);
      expect(r.headers.get('access-control-allow-origin')).toBe(LISTED);
      expect(r.headers.get('access-control-allow-methods')).toBe('POST');
      expect(r.headers.get('access-control-allow-headers')).toBe('x-csrf-token');
      expect(Number(r.headers.get('access-control-max-age'))).toBeGreaterThan(0);
      expect(r.headers.get('vary')).toMatch(/Origin/);
      expect(r.headers.get('access-control-allow-credentials')).toBeNull();
    },
  );

  it.each([
    ['an origin not listed', { Origin: EVIL, 'Access-Control-Request-Method': 'POST' }],
    ['a method the route does not take', { Origin: LISTED, 'Access-Control-Request-Method': 'DELETE' }],
  ])('preflight from %s: 403, no CORS headers', async (_name, headers) => {
    const r = await fetch(`${server.url}/api/ekyc/okaylive`, { method: 'OPTIONS', headers });
    expect(r.status).toBe(403);
    expect(await r.json()).toEqual(REFUSED);
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('an OPTIONS that is not a preflight is still a 405 with Allow', async () => {
    const r = await fetch(`${server.url}/api/ekyc/okaylive`, { method: 'OPTIONS' });
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('POST');
  });

  it('the answers carry the origin, Vary: Origin and the readable headers, errors too', async () => {
    const headers = { Origin: LISTED, 'Sec-Fetch-Site': 'cross-site' };
    const ok = await post('okaylive', headers, 'listed-1');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(LISTED);
    expect(ok.headers.get('vary')).toMatch(/Origin/);
    expect(ok.headers.get('access-control-expose-headers')).toMatch(/Retry-After/);
    // The journey rate (3 a minute, per client) runs out: the 429 is readable by the page.
    let limited: Response | null = null;
    for (let i = 0; i < 6 && !limited; i++) {
      const r = await post('journeyid', headers);
      if (r.status === 429) limited = r;
      else await r.text();
    }
    expect(limited).not.toBeNull();
    expect(limited?.headers.get('access-control-allow-origin')).toBe(LISTED);
    expect(limited?.headers.get('retry-after')).toBeTruthy();
  });

  it('an origin is matched exactly: the listed host on another port or scheme is not it', async () => {
    for (const origin of ['https://bank.example:8443', 'http://bank.example', 'https://bank.example.evil.example']) {
      const r = await post('journeyid', { Origin: origin, 'Sec-Fetch-Site': 'cross-site' });
      expect(r.status, origin).toBe(403);
    }
  });
});
