import type { Take } from '../http/rate-limit.ts';

export type { Take } from '../http/rate-limit.ts';

/** What reserving an attempt on a journey found. */
export type Reservation = 'ok' | 'unknown' | 'exhausted';

/**
 * State that must outlive one request and be shared by every instance behind a load balancer:
 * rate-limit buckets, the reference engine's journeys and their attempts, and recorded answers
 * with the claims that stop two instances calling the vendor for the same upload. In memory by
 * default, Redis when OKAYLIVE_REDIS_URL is set. Each operation is atomic on its own, so no
 * caller needs a check-then-act across two of them.
 */
export interface StateStore {
  readonly kind: 'memory' | 'redis';
  /** Resolves once the store first answers (Redis: connected); the server listens after it. */
  readonly ready: Promise<void>;
  /** Takes one token from `key`'s bucket: `perMinute` in a burst, refilled evenly over a minute. */
  takeToken(key: string, perMinute: number): Promise<Take>;
  /** Creates a journey living `ttlMs` with no attempts; false while `capacity` live journeys exist. */
  createJourney(id: string, ttlMs: number, capacity: number): Promise<boolean>;
  /**
   * Counts one attempt if the journey exists and has fewer than `max`; otherwise says why not.
   * `ticket` (fresh per upload) makes it idempotent and refundable: a second reservation with
   * the same ticket counts nothing more, and one arriving after its ticket's refund counts nothing.
   */
  reserveAttempt(id: string, max: number, ticket: string): Promise<Reservation>;
  /**
   * Gives back the attempt `ticket` counted (an upload never analysed, or one whose reservation
   * had an unknown outcome). Idempotent, so it can be retried until the store answers; made
   * before the reservation lands, it stops that reservation from counting.
   */
  refundAttempt(id: string, ticket: string): Promise<void>;
  /** Takes `key` for `ttlMs` unless someone holds it; `owner` proves the holder to release(). */
  claim(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Lets go of a claim, only if `owner` still holds it. */
  release(key: string, owner: string): Promise<void>;
  /** Keeps `value` under `key` for `ttlMs`. */
  put(key: string, value: string, ttlMs: number): Promise<void>;
  get(key: string): Promise<string | null>;
  /** Whether the store answers right now (readiness): false while it is down or stalled. */
  probe(): Promise<boolean>;
  close(): Promise<void>;
}

/** The store cannot be reached: routes that need it answer 503 with Retry-After until it is back. */
export class StoreUnavailableError extends Error {
  readonly code = 'STORE_UNAVAILABLE';
  constructor(options?: { cause?: unknown }) {
    super('shared state store unavailable', options);
    this.name = 'StoreUnavailableError';
  }
}

export function isStoreUnavailable(error: unknown): error is StoreUnavailableError {
  return error instanceof StoreUnavailableError;
}

/** How long a reservation's ticket is remembered: far longer than any late write can take to land. */
export const TICKET_TTL_MS = 60 * 60 * 1000;

/** Seconds a client is asked to wait while the store is unreachable. */
export const STORE_RETRY_AFTER_S = 2;
