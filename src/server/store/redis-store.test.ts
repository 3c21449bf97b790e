/**
 * The Redis store against a real redis-server of its own (Debian's package, on a loopback
 * port): the same contract as the memory store, atomic across two clients (two instances of
 * the server), and an outage that fails fast and recovers by itself.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonLogger } from '../http/log.ts';
import { startRedis, type TestRedis } from '../testing/redis.ts';
import { storeContract } from '../testing/store-contract.ts';
import { createRedisStore } from './redis-store.ts';
import { isStoreUnavailable, type StateStore } from './store.ts';

let redis: TestRedis;
let a: StateStore;
let b: StateStore;
const logs: Record<string, unknown>[] = [];

beforeAll(async () => {
  redis = await startRedis();
  const logger = jsonLogger((line) => logs.push(JSON.parse(line) as Record<string, unknown>));
  const keyPrefix = `test-${randomUUID()}:`;
  a = createRedisStore({ url: redis.url, logger, keyPrefix });
  b = createRedisStore({ url: redis.url, logger, keyPrefix });
  // The first commands must not race the first connection (bounded by this hook's timeout).
  await Promise.all([a.ready, b.ready]);
}, 30_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
  await redis?.dispose();
});

storeContract('redis store', () => a);

describe('redis store: two instances share one state', { timeout: 20_000 }, () => {
  it('a journey created through one is reserved through the other, and the cap holds across both', async () => {
    const id = randomUUID();
    expect(await a.createJourney(id, 60_000, 1_000_000)).toBe(true);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).reserveAttempt(id, 10, randomUUID())),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(10);
  });

  it('one token bucket for both', async () => {
    const key = `client-${randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).takeToken(key, 7)));
    expect(results.filter((r) => r.ok)).toHaveLength(7);
  });

  it('a record put by one is read by the other; a claim by one holds against the other', async () => {
    const key = randomUUID();
    await a.put(key, 'answer', 60_000);
    expect(await b.get(key)).toBe('answer');
    expect(await a.claim(key, 'instance-a', 60_000)).toBe(true);
    expect(await b.claim(key, 'instance-b', 60_000)).toBe(false);
  });
});

describe('redis store: an outage', { timeout: 60_000 }, () => {
  it('fails fast with StoreUnavailable while Redis is down, logs it once, and recovers when it is back', async () => {
    const id = randomUUID();
    expect(await a.createJourney(id, 600_000, 1_000_000)).toBe(true);
    await redis.stop();
    let error: unknown;
    try {
      await a.reserveAttempt(id, 10, randomUUID());
    } catch (e) {
      error = e;
    }
    expect(isStoreUnavailable(error)).toBe(true);
    expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await expect(b.takeToken('someone', 10)).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await expect.poll(() => logs.filter((l) => l.event === 'store_unavailable').length, { timeout: 10_000 }).toBe(2);

    await redis.start();
    await expect.poll(() => logs.filter((l) => l.event === 'store_recovered').length, { timeout: 20_000 }).toBe(2);
    // The snapshot Redis wrote on its way down brought the journey back.
    expect(await a.reserveAttempt(id, 10, randomUUID())).toBe('ok');
    expect((await b.takeToken(`client-${randomUUID()}`, 10)).ok).toBe(true);
    // One line per change of state, not one per failed command or reconnection attempt.
    expect(logs.filter((l) => l.event === 'store_unavailable')).toHaveLength(2);
  });
});
