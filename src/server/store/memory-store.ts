import { RateLimiter } from '../http/rate-limit.ts';
import { MemoryJourneys } from './memory-journeys.ts';
import { StoreUnavailableError, TICKET_TTL_MS, type Reservation, type StateStore, type Take } from './store.ts';
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
  // Nothing here has an unknown outcome, but the contract is the same: a ticket counts once.
  const tickets = new TtlMap<'counted' | 'refunded'>(MAX_RECORDS, now);
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
    reserveAttempt: async (id, max, ticket): Promise<Reservation> => {
      const key = `${id}\n${ticket}`;
      const mark = tickets.get(key);
      if (mark === 'counted') return 'ok';
      if (mark === 'refunded') throw new StoreUnavailableError({ cause: new Error('reservation refunded') });
      const found = journeys.reserve(id, max);
      if (found === 'ok') tickets.set(key, 'counted', TICKET_TTL_MS);
      return found;
    },
    refundAttempt: async (id, ticket) => {
      const key = `${id}\n${ticket}`;
      const mark = tickets.get(key);
      tickets.set(key, 'refunded', TICKET_TTL_MS);
      if (mark === 'counted') journeys.refund(id);
    },
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
    probe: async () => true,
    close: async () => undefined,
  };
}
