/**
 * Redis (persistent: every write on disk) is killed while a vendor call is in flight and comes
 * back with that call's claim: the answer, which could not be recorded then, must still serve
 * the identical resend, and no second vendor call may be made for the same image, even after
 * the claim has expired.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonLogger } from '../http/log.ts';
import { deferred } from '../testing/deferred.ts';
import { FAKE_SUCCESS, startFakeInnov8tif, type Fake } from '../testing/fake-innov8tif.ts';
import { form, selfieJpeg } from '../testing/images.ts';
import { serverInstances } from '../testing/instances.ts';
import { startRedis, type TestRedis } from '../testing/redis.ts';
import { FLIGHT_LIMIT_FACTOR } from './proxy.ts';

const TIMEOUT_MS = 2_000;
/** The claim's life: the longest call plus 5 s (resend.ts). */
const CLAIM_MS = TIMEOUT_MS * FLIGHT_LIMIT_FACTOR + 5_000;

let redis: TestRedis;
let fake: Fake;
let jpeg: Buffer;
const held = deferred();
const logs: Record<string, unknown>[] = [];
const instances = serverInstances();

beforeAll(async () => {
  redis = await startRedis({ appendOnly: true });
  fake = await startFakeInnov8tif({ username: 'u', password: 'p', gate: held.promise });
  jpeg = await selfieJpeg();
}, 60_000);
afterAll(async () => {
  held.release();
  await instances.closeAll();
  await fake?.close();
  await redis?.dispose();
});

async function upload(url: string, journeyId: string): Promise<{ status: number; body: unknown }> {
  const r = await fetch(`${url}/api/ekyc/okaylive`, {
    method: 'POST',
    body: form({ imageBest: { bytes: jpeg }, journeyId }),
    signal: AbortSignal.timeout(15_000),
  });
  return { status: r.status, body: await r.json() };
}

const calls = (): number => fake.received.filter((r) => r.path === '/api/ekyc/okaylive').length;

describe('Redis killed during a vendor call', { timeout: 90_000 }, () => {
  it('the resend gets the first answer, and the vendor is called once, before and after the claim expires', async () => {
    const url = await instances.start(
      {
        OKAYLIVE_REDIS_URL: redis.url,
        OKAYLIVE_BASE_URL: fake.url,
        OKAYLIVE_USERNAME: 'u',
        OKAYLIVE_PASSWORD: 'p',
        OKAYLIVE_UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS),
      },
      { logger: jsonLogger((line) => logs.push(JSON.parse(line) as Record<string, unknown>)) },
    );
    const first = upload(url, 'crash-journey');
    await expect.poll(calls, { timeout: 10_000 }).toBe(1);
    await redis.kill();
    held.release();
    expect(await first).toEqual({ status: 200, body: FAKE_SUCCESS });

    await redis.start();
    await expect.poll(() => logs.some((l) => l.event === 'store_recovered'), { timeout: 20_000 }).toBe(true);
    expect(await upload(url, 'crash-journey')).toEqual({ status: 200, body: FAKE_SUCCESS });
    expect(calls()).toBe(1);
    // The record reaches Redis once it is back: another instance answers the resend from it.
    const other = await instances.start(
      {
        OKAYLIVE_REDIS_URL: redis.url,
        OKAYLIVE_BASE_URL: fake.url,
        OKAYLIVE_USERNAME: 'u',
        OKAYLIVE_PASSWORD: 'p',
        OKAYLIVE_UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS),
      },
      { logger: jsonLogger(() => undefined) },
    );
    await expect
      .poll(async () => (await upload(other, 'crash-journey')).status, { timeout: 15_000, interval: 500 })
      .toBe(200);
    expect(calls()).toBe(1);

    // Past the claim Redis brought back: still the first answer, still one call.
    await new Promise((resolve) => setTimeout(resolve, CLAIM_MS + 500));
    expect(await upload(url, 'crash-journey')).toEqual({ status: 200, body: FAKE_SUCCESS });
    expect(calls()).toBe(1);
  });
});
