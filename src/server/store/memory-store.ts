import { RateLimiter } from '../rate-limit.ts';
import { MemoryJourneys } from './memory-journeys.ts';
import type { Reservation, StateStore, Take } from './store.ts';
import { TtlMap } from './ttl-map.ts';

/** Claims and recorded answers one process keeps at most (each a few hundred bytes). */
const MAX_RECORDS = 10_000;

/**
 * The store of a single instance: everything in this process's memory, bounded, gone on
 * restart. Enough for one server; several behind a load balancer need the Redis store.
 */
export function createMemoryStore(now: () => number = Date.now): StateStore {
  const limiters = new Map<number, RateLimiter>();
  const journeys = new MemoryJourneys(now);
  const claims = new TtlMap<string>(MAX_RECORDS, now);
  const records = new TtlMap<string>(MAX_RECORDS, now);
  const limiter = (perMinute: number): RateLimiter => {
    let found = limiters.get(perMinute);
    if (!found) {
      found = new RateLimiter(perMinute, now);
      limiters.set(perMinute, found);
    }
    return found;
  };
  return {
    kind: 'memory',
    ready: Promise.resolve(),
    takeToken: async (key: string, perMinute: number): Promise<Take> => limiter(perMinute).take(key),
    createJourney: async (id, ttlMs, capacity) => journeys.create(id, ttlMs, capacity),
    reserveAttempt: async (id, max): Promise<Reservation> => journeys.reserve(id, max),
    refundAttempt: async (id) => journeys.refund(id),
    claim: async (key, owner, ttlMs) => {
      if (claims.get(key) !== undefined) return false;
      claims.set(key, owner, ttlMs);
      return true;
    },
    release: async (key, owner) => {
      if (claims.get(key) === owner) claims.delete(key);
    },
    put: async (key, value, ttlMs) => records.set(key, value, ttlMs),
    get: async (key) => records.get(key) ?? null,
    close: async () => undefined,
  };
}
