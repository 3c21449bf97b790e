/**
 * Two server instances behind one Redis (a real redis-server of the test's own, on loopback),
 * as behind a load balancer: the journey rate limit, the attempt cap and the resend record
 * hold across both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisOutcome } from './reference/analyse.ts';
import { deferred } from './testing/deferred.ts';
import { FAKE_SUCCESS, startFakeInnov8tif, type Fake } from './testing/fake-innov8tif.ts';
import { form, selfieJpeg } from './testing/images.ts';
import { startRedis, type TestRedis } from './testing/redis.ts';
import { serverInstances } from './testing/instances.ts';
import { stubEngine } from './testing/stub-engine.ts';

let redis: TestRedis;
let fake: Fake;
let jpeg: Buffer;
const analysis = deferred();
const engines = [0, 1].map(() =>
  stubEngine({
    slots: 20,
    queue: 20,
    analyse: async (): Promise<AnalysisOutcome> => {
      await analysis.promise;
      return {
        kind: 'answer',
        answer: { kind: 'face', code: 'EYES_CLOSED' },
        notes: { width: 1, height: 1, faces: 1, failures: [], aspects: null, decodeMs: 0, detectMs: 0 },
      };
    },
  }),
);
let reference: [string, string];
let upstream: [string, string];

const instances = serverInstances();

function instance(env: Record<string, string>, engine?: ReturnType<typeof stubEngine>): Promise<string> {
  return instances.start(
    { OKAYLIVE_REDIS_URL: redis.url, OKAYLIVE_LOG: 'off', OKAYLIVE_MAX_UPLOADS_PER_CLIENT: '100', ...env },
    engine ? { engine } : {},
  );
}

beforeAll(async () => {
  redis = await startRedis();
  fake = await startFakeInnov8tif({ username: 'u', password: 'p' });
  jpeg = await selfieJpeg();
  const referenceEnv = {
    OKAYLIVE_JOURNEY_RATE_PER_MINUTE: '4',
    OKAYLIVE_TRUST_PROXY: '1',
    OKAYLIVE_JOURNEY_MAX_ATTEMPTS: '10',
  };
  reference = [await instance(referenceEnv, engines[0]), await instance(referenceEnv, engines[1])];
  const upstreamEnv = { OKAYLIVE_BASE_URL: fake.url, OKAYLIVE_USERNAME: 'u', OKAYLIVE_PASSWORD: 'p' };
  upstream = [await instance(upstreamEnv), await instance(upstreamEnv)];
}, 60_000);
afterAll(async () => {
  analysis.release();
  await instances.closeAll();
  await fake?.close();
  await redis?.dispose();
});

const journey = (url: string, client = '192.0.2.1') =>
  fetch(`${url}/api/ekyc/journeyid`, { method: 'POST', headers: { 'X-Forwarded-For': client } });

async function upload(url: string, journeyId: string): Promise<{ status: number; body: unknown }> {
  const r = await fetch(`${url}/api/ekyc/okaylive`, {
    method: 'POST',
    body: form({ imageBest: { bytes: jpeg }, journeyId }),
    signal: AbortSignal.timeout(20_000),
  });
  return { status: r.status, body: await r.json() };
}

describe('two instances, one Redis', { timeout: 30_000 }, () => {
  it('the journey rate limit is one bucket per client across both instances', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await journey(reference[i % 2] ?? '', '198.51.100.20');
      await r.text();
      statuses.push(r.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    // Another client has its own bucket, on either instance.
    expect((await journey(reference[1], '198.51.100.21')).status).toBe(200);
  });

  it('a journey made on one instance is known to the other, and 20 concurrent uploads split across both analyse exactly 10 (the cap)', async () => {
    const id = ((await (await journey(reference[0], '198.51.100.30')).json()) as { journeyId: string }).journeyId;
    let refused = 0;
    const replies = Array.from({ length: 20 }, (_, i) =>
      upload(reference[i % 2] ?? '', id).then((r) => {
        if (r.status === 400) refused += 1;
        return r;
      }),
    );
    const analysed = () => (engines[0]?.calls ?? 0) + (engines[1]?.calls ?? 0);
    await expect.poll(() => analysed() + refused, { timeout: 20_000 }).toBe(20);
    analysis.release();
    const done = await Promise.all(replies);
    expect(analysed()).toBe(10);
    expect(engines.every((e) => e.calls > 0)).toBe(true);
    expect(done.filter((r) => r.status === 200)).toHaveLength(10);
    expect(
      done.filter((r) => r.status === 400 && (r.body as { message?: string }).message === 'MAX_API_CALL_EXCEEDED'),
    ).toHaveLength(10);
  });

  it('an upload answered by one instance is a resend to the other: one vendor call', async () => {
    const before = fake.received.length;
    expect(await upload(upstream[0], 'two-instances-1')).toEqual({ status: 200, body: FAKE_SUCCESS });
    expect(await upload(upstream[1], 'two-instances-1')).toEqual({ status: 200, body: FAKE_SUCCESS });
    expect(fake.received.length - before).toBe(1);
  });

  it('identical uploads on both instances at once: one vendor call, both answered', async () => {
    const held = deferred();
    fake.options.gate = held.promise;
    const before = fake.received.length;
    const both = Promise.all([upload(upstream[0], 'two-instances-2'), upload(upstream[1], 'two-instances-2')]);
    await expect.poll(() => fake.received.length - before, { timeout: 10_000 }).toBe(1);
    held.release();
    const [a, b] = await both;
    delete fake.options.gate;
    expect(a).toEqual({ status: 200, body: FAKE_SUCCESS });
    expect(b).toEqual(a);
    expect(fake.received.length - before).toBe(1);
  });
});
