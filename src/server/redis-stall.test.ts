/**
 * Redis stalls (SIGSTOP: the connection stays open, commands go unanswered) and comes back:
 * uploads refused with 503 meanwhile must not cost the person attempts, even though Redis runs
 * the commands it was sent once it wakes; and the stall is logged like an outage.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonLogger } from './http/log.ts';
import { form, selfieJpeg } from './testing/images.ts';
import { serverInstances } from './testing/instances.ts';
import { startRedis, type TestRedis } from './testing/redis.ts';
import { stubEngine } from './testing/stub-engine.ts';

let redis: TestRedis;
let jpeg: Buffer;
let url: string;
const logs: Record<string, unknown>[] = [];
const instances = serverInstances();
const MAX_ATTEMPTS = 10;

beforeAll(async () => {
  redis = await startRedis();
  jpeg = await selfieJpeg();
  url = await instances.start(
    { OKAYLIVE_REDIS_URL: redis.url, OKAYLIVE_JOURNEY_MAX_ATTEMPTS: String(MAX_ATTEMPTS) },
    {
      logger: jsonLogger((line) => logs.push(JSON.parse(line) as Record<string, unknown>)),
      engine: stubEngine({ slots: 8 }),
    },
  );
}, 60_000);
afterAll(async () => {
  await instances.closeAll();
  await redis?.dispose();
});

async function upload(journeyId: string): Promise<{ status: number; retryAfter: string | null; message: unknown }> {
  const r = await fetch(`${url}/api/ekyc/okaylive`, {
    method: 'POST',
    body: form({ imageBest: { bytes: jpeg }, journeyId }),
    signal: AbortSignal.timeout(15_000),
  });
  const body = (await r.json()) as { message?: unknown };
  return { status: r.status, retryAfter: r.headers.get('retry-after'), message: body.message };
}

describe('Redis stalls mid-run', { timeout: 90_000 }, () => {
  it('uploads refused during the stall are not counted as attempts; the stall is logged', async () => {
    const made = (await (await fetch(`${url}/api/ekyc/journeyid`, { method: 'POST' })).json()) as { journeyId: string };
    const journeyId = made.journeyId;

    redis.pause();
    let refused: Awaited<ReturnType<typeof upload>>[];
    try {
      refused = await Promise.all(Array.from({ length: 6 }, () => upload(journeyId)));
    } finally {
      redis.resume();
    }
    for (const r of refused) {
      expect(r.status).toBe(503);
      expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
    }
    expect(logs.filter((l) => l.event === 'store_unavailable').length).toBeGreaterThanOrEqual(1);
    await expect.poll(() => logs.some((l) => l.event === 'store_recovered'), { timeout: 10_000 }).toBe(true);

    // Whatever Redis ran late has been reconciled: the person still has every attempt.
    await expect.poll(async () => (await upload(journeyId)).status, { timeout: 10_000, interval: 200 }).toBe(200);
    const rest = [];
    for (let i = 1; i < MAX_ATTEMPTS; i++) rest.push((await upload(journeyId)).status);
    expect(rest).toEqual(Array.from({ length: MAX_ATTEMPTS - 1 }, () => 200));
    expect(await upload(journeyId)).toMatchObject({ status: 400, message: 'MAX_API_CALL_EXCEEDED' });
  });
});
