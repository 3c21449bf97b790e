/**
 * Upstream mode under real concurrent uploads on loopback, against a vendor held by the test:
 * how many uploads the proxy holds at once, in all and per client, is bounded before a byte of
 * their bodies is read.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../config/config.ts';
import { createEkycMiddleware, type EkycApi } from '../handler.ts';
import { jsonLogger } from '../http/log.ts';
import { deferred } from '../testing/deferred.ts';
import { startFakeInnov8tif, type Fake } from '../testing/fake-innov8tif.ts';
import { form, selfieJpeg } from '../testing/images.ts';
import { serve, type Running } from '../testing/serve.ts';

let jpeg: Buffer;
const running: { fake: Fake; api: EkycApi; server: Running }[] = [];
beforeAll(async () => {
  jpeg = await selfieJpeg({ height: 1280 });
});
afterEach(async () => {
  for (const { fake, api, server } of running.splice(0)) {
    await server.close();
    await api.close();
    await fake.close();
  }
});

async function start(env: Record<string, string>, logs: Record<string, unknown>[] = []) {
  const held = deferred();
  const fake = await startFakeInnov8tif({ username: 'u', password: 'p', gate: held.promise });
  const api = createEkycMiddleware(
    readConfig({
      OKAYLIVE_BASE_URL: fake.url,
      OKAYLIVE_USERNAME: 'u',
      OKAYLIVE_PASSWORD: 'p',
      OKAYLIVE_UPSTREAM_TIMEOUT_MS: '20000',
      ...env,
    }),
    {
      logger: jsonLogger((line) => logs.push(JSON.parse(line) as Record<string, unknown>)),
    },
  );
  const server = await serve(api);
  running.push({ fake, api, server });
  const forwarded = () => fake.received.filter((r) => r.path === '/api/ekyc/okaylive').length;
  return { url: server.url, release: held.release, forwarded, logs };
}

interface Reply {
  status: number;
  message: unknown;
  retryAfter: string | null;
}

async function upload(url: string, journeyId: string, client?: string): Promise<Reply> {
  const r = await fetch(`${url}/api/ekyc/okaylive`, {
    method: 'POST',
    body: form({ imageBest: { bytes: jpeg }, journeyId }),
    headers: client ? { 'X-Forwarded-For': client } : {},
    signal: AbortSignal.timeout(20_000),
  });
  const body = (await r.json()) as { message?: unknown; status?: unknown };
  return { status: r.status, message: body.message ?? body.status, retryAfter: r.headers.get('retry-after') };
}

describe('upstream mode: uploads held at once', { timeout: 30_000 }, () => {
  it('10 concurrent uploads with room for 4: 4 reach the vendor, 6 get 503 + Retry-After before their body is read', async () => {
    const proxy = await start({ OKAYLIVE_MAX_UPLOADS: '4', OKAYLIVE_MAX_UPLOADS_PER_CLIENT: '100' });
    const answered: Reply[] = [];
    const replies = Array.from({ length: 10 }, (_, i) =>
      upload(proxy.url, `limit-${i}`).then((r) => (answered.push(r), r)),
    );
    await expect.poll(() => proxy.forwarded() + answered.length, { timeout: 15_000 }).toBe(10);
    // While the vendor holds the four, no more were let in.
    expect(proxy.forwarded()).toBe(4);
    const shed = answered.filter((r) => r.status === 503);
    expect(shed).toHaveLength(6);
    for (const r of shed) {
      expect(r.message).toBe('SERVICE_UNAVAILABLE');
      expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
    }
    proxy.release();
    const all = await Promise.all(replies);
    expect(all.filter((r) => r.status === 200)).toHaveLength(4);
    // The refused ones were answered from their headers: the reader never ran for them.
    await expect.poll(() => proxy.logs.filter((l) => l.event === 'api' && l.route === '/okaylive').length).toBe(10);
    const refusedLines = proxy.logs.filter((l) => l.event === 'api' && l.outcome === 'SERVICE_UNAVAILABLE');
    expect(refusedLines).toHaveLength(6);
    for (const line of refusedLines) expect(line.bytesIn).toBeUndefined();
    // Places are given back: a new upload gets in.
    expect((await upload(proxy.url, 'limit-after')).status).toBe(200);
  });

  it('one client with room for 2 gets 429 for its third and fourth; another client still gets in', async () => {
    const proxy = await start({
      OKAYLIVE_MAX_UPLOADS: '100',
      OKAYLIVE_MAX_UPLOADS_PER_CLIENT: '2',
      OKAYLIVE_TRUST_PROXY: '1',
    });
    const answered: Reply[] = [];
    const mine = Array.from({ length: 4 }, (_, i) =>
      upload(proxy.url, `client-a-${i}`, '198.51.100.7').then((r) => (answered.push(r), r)),
    );
    await expect.poll(() => proxy.forwarded() + answered.length, { timeout: 15_000 }).toBe(4);
    expect(answered).toHaveLength(2);
    for (const r of answered) expect(r).toMatchObject({ status: 429, message: 'RATE_LIMITED' });
    const other = upload(proxy.url, 'client-b-0', '203.0.113.5');
    await expect.poll(() => proxy.forwarded(), { timeout: 15_000 }).toBe(3);
    proxy.release();
    expect((await Promise.all(mine)).filter((r) => r.status === 200)).toHaveLength(2);
    expect((await other).status).toBe(200);
  });
});
