import { Redis, type Result } from 'ioredis';
import { errorKind, type Logger } from '../http/log.ts';
import { CREATE_JOURNEY, REFUND_ATTEMPT, RELEASE_CLAIM, RESERVE_ATTEMPT, TAKE_TOKEN } from './redis-scripts.ts';
import { StoreUnavailableError, TICKET_TTL_MS, type Reservation, type StateStore, type Take } from './store.ts';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    oklTakeToken(bucket: string, perMinute: number): Result<number, Context>;
    oklCreateJourney(
      index: string,
      journey: string,
      id: string,
      ttlMs: number,
      capacity: number,
    ): Result<number, Context>;
    oklReserveAttempt(journey: string, ticket: string, max: number, ticketTtlMs: number): Result<string, Context>;
    oklRefundAttempt(journey: string, ticket: string, ticketTtlMs: number): Result<number, Context>;
    oklReleaseClaim(claim: string, owner: string): Result<number, Context>;
  }
}

/** A command that takes longer than this counts as the store being unreachable. */
const COMMAND_TIMEOUT_MS = 1_000;
const KEY_PREFIX = 'okaylive:';

export interface RedisStoreOptions {
  url: string;
  logger: Logger;
  /** Namespace of every key (tests give each run its own). */
  keyPrefix?: string;
}

/**
 * The shared store: every instance behind a load balancer sees the same buckets, journeys and
 * records. Commands are never queued while the connection is down: they fail at once, the
 * route answers 503 with Retry-After, and the client reconnects in the background.
 */
export function createRedisStore(options: RedisStoreOptions): StateStore {
  const log = options.logger;
  const redis = new Redis(options.url, {
    keyPrefix: options.keyPrefix ?? KEY_PREFIX,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: 2_000,
    // Keep trying, never more than 2 s apart: the server recovers as soon as Redis is back.
    retryStrategy: (times: number) => Math.min(100 * times, 2_000),
    scripts: {
      oklTakeToken: { numberOfKeys: 1, lua: TAKE_TOKEN },
      oklCreateJourney: { numberOfKeys: 2, lua: CREATE_JOURNEY },
      oklReserveAttempt: { numberOfKeys: 2, lua: RESERVE_ATTEMPT },
      oklRefundAttempt: { numberOfKeys: 2, lua: REFUND_ATTEMPT },
      oklReleaseClaim: { numberOfKeys: 1, lua: RELEASE_CLAIM },
    },
  });
  // Logged once per change, not once per failed command or reconnection attempt.
  let state: 'connecting' | 'up' | 'down' = 'connecting';
  const ready = new Promise<void>((resolve) => redis.once('ready', () => resolve()));
  redis.on('ready', () => {
    if (state === 'down') log.info('store_recovered', { store: 'redis' });
    else log.info('store_ready', { store: 'redis' });
    state = 'up';
  });
  redis.on('error', (error: unknown) => {
    if (state === 'down') return;
    state = 'down';
    log.error('store_unavailable', { store: 'redis', ...errorKind(error) });
  });
  redis.on('close', () => {
    if (state !== 'up') return;
    state = 'down';
    log.error('store_unavailable', { store: 'redis', errorName: 'ConnectionClosed' });
  });

  const run = async <T>(command: () => Promise<T>): Promise<T> => {
    try {
      const value = await command();
      if (state === 'down' && redis.status === 'ready') {
        // Back from a stall: the connection never closed, so no 'ready' event says so.
        state = 'up';
        log.info('store_recovered', { store: 'redis' });
      }
      return value;
    } catch (cause) {
      if (state === 'up' && cause instanceof Error && /timed out/i.test(cause.message)) {
        // A stall (the server frozen, the connection open) is an outage too, logged as one.
        state = 'down';
        log.error('store_unavailable', { store: 'redis', errorName: 'CommandTimeout' });
      }
      throw new StoreUnavailableError({ cause });
    }
  };

  return {
    kind: 'redis',
    ready,
    takeToken: (key, perMinute) =>
      run(async (): Promise<Take> => {
        const waitMs = await redis.oklTakeToken(`rate:${key}`, perMinute);
        return waitMs === 0 ? { ok: true } : { ok: false, retryAfterS: Math.max(1, Math.ceil(waitMs / 1000)) };
      }),
    createJourney: (id, ttlMs, capacity) =>
      run(
        async () => (await redis.oklCreateJourney('journeys', `journey:${id}`, id, Math.ceil(ttlMs), capacity)) === 1,
      ),
    reserveAttempt: (id, max, ticket) =>
      run(async (): Promise<Reservation> => {
        const found = await redis.oklReserveAttempt(`journey:${id}`, `ticket:${id}:${ticket}`, max, TICKET_TTL_MS);
        if (found === 'ok' || found === 'exhausted' || found === 'unknown') return found;
        // 'refunded': the ticket was given back before this landed; its caller already gave up on it.
        throw new StoreUnavailableError({ cause: new Error(`reservation ${found}`) });
      }),
    refundAttempt: (id, ticket) =>
      run(async () => {
        await redis.oklRefundAttempt(`journey:${id}`, `ticket:${id}:${ticket}`, TICKET_TTL_MS);
      }),
    claim: (key, owner, ttlMs) =>
      run(async () => (await redis.set(`claim:${key}`, owner, 'PX', Math.ceil(ttlMs), 'NX')) === 'OK'),
    release: (key, owner) =>
      run(async () => {
        await redis.oklReleaseClaim(`claim:${key}`, owner);
      }),
    put: (key, value, ttlMs) =>
      run(async () => {
        await redis.set(`record:${key}`, value, 'PX', Math.ceil(ttlMs));
      }),
    get: (key) => run(() => redis.get(`record:${key}`)),
    probe: async () => {
      if (redis.status !== 'ready') return false;
      return run(() => redis.ping()).then(
        () => true,
        () => false,
      );
    },
    close: async () => {
      redis.removeAllListeners('close');
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
