/**
 * Redis goes away mid-run and comes back: the routes that need it answer 503 with Retry-After
 * (never hang, never a wrong answer), the outage is logged once, and the server serves again
 * by itself once Redis is back, with the state Redis kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonLogger } from './http/log.ts';
import { startFakeInnov8tif, type Fake } from './testing/fake-innov8tif.ts';
import { form, selfieJpeg } from './testing/images.ts';
import { startRedis, type TestRedis } from './testing/redis.ts';
import { serverInstances } from './testing/instances.ts';
import { stubEngine } from './testing/stub-engine.ts';

let redis: TestRedis;
let fake: Fake;
let jpeg: Buffer;
const logs: Record<string, unknown>[] = [];
let reference: string;
let upstream: string;

const instances = serverInstances();

function instance(env: Record<string, string>, withEngine: boolean): Promise<string> {
  return instances.start(
    { OKAYLIVE_REDIS_URL: redis.url, ...env },
    {
      logger: jsonLogger((line) => logs.push(JSON.parse(line) as Record<string, unknown>)),
      ...(withEngine ? { engine: stubEngine() } : {}),
    },
  );
}

beforeAll(async () => {
  redis = await startRedis();
  fake = await startFakeInnov8tif({ username: 'u', password: 'p' });
  jpeg = await selfieJpeg();
  reference = await instance({}, true);
  upstream = await instance({ OKAYLIVE_BASE_URL: fake.url, OKAYLIVE_USERNAME: 'u', OKAYLIVE_PASSWORD: 'p' }, false);
}, 60_000);
afterAll(async () => {
  await instances.closeAll();
  await fake?.close();
  await redis?.dispose();
});

async function createJourney(): Promise<{ status: number; retryAfter: string | null; journeyId?: string }> {
  const r = await fetch(`${reference}/api/ekyc/journeyid`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
  const body = (await r.json()) as { journeyId?: string };
  return {
    status: r.status,
    retryAfter: r.headers.get('retry-after'),
    ...(body.journeyId ? { journeyId: body.journeyId } : {}),
  };
}

async function upload(
  url: string,
  journeyId: string,
): Promise<{ status: number; retryAfter: string | null; body: unknown }> {
  const r = await fetch(`${url}/api/ekyc/okaylive`, {
    method: 'POST',
    body: form({ imageBest: { bytes: jpeg }, journeyId }),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: r.status, retryAfter: r.headers.get('retry-after'), body: await r.json() };
}

const UNAVAILABLE = { status: 'error', messageCode: null, message: 'SERVICE_UNAVAILABLE' };

describe('Redis goes away mid-run', { timeout: 90_000 }, () => {
  it('503 with Retry-After while it is gone, logged; served again when it is back, with nothing lost', async () => {
    const made = await createJourney();
    expect(made.status).toBe(200);
    const journeyId = made.journeyId ?? '';
    expect((await upload(reference, journeyId)).status).toBe(200);

    await redis.stop();
    const journeyDown = await createJourney();
    expect(journeyDown).toMatchObject({ status: 503 });
    expect(Number(journeyDown.retryAfter)).toBeGreaterThanOrEqual(1);
    for (const [url, id] of [
      [reference, journeyId],
      [upstream, 'outage-upload'],
    ] as const) {
      const r = await upload(url, id);
      expect(r.status, url).toBe(503);
      expect(r.body).toEqual(UNAVAILABLE);
      expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
    }
    expect(fake.received.filter((r) => r.path === '/api/ekyc/okaylive')).toHaveLength(0);
    await expect.poll(() => logs.filter((l) => l.event === 'store_unavailable').length, { timeout: 10_000 }).toBe(2);
    expect(logs.filter((l) => l.event === 'api' && l.outcome === 'STORE_UNAVAILABLE').length).toBeGreaterThanOrEqual(3);

    await redis.start();
    await expect.poll(async () => (await createJourney()).status, { timeout: 30_000, interval: 250 }).toBe(200);
    expect(logs.some((l) => l.event === 'store_recovered')).toBe(true);
    // The journey made before the outage is still there, its attempt count with it.
    expect((await upload(reference, journeyId)).status).toBe(200);
    expect(await upload(upstream, 'outage-upload')).toMatchObject({ status: 200 });
  });
});
