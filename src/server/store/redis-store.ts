import { Redis, type Result } from 'ioredis';
import { errorKind, type Logger } from '../log.ts';
import { CREATE_JOURNEY, REFUND_ATTEMPT, RELEASE_CLAIM, RESERVE_ATTEMPT, TAKE_TOKEN } from './redis-scripts.ts';
import { StoreUnavailableError, type Reservation, type StateStore, type Take } from './store.ts';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    oklTakeToken(bucket: string, perMinute: number): Result<number, Context>;
    oklCreateJourney(index: string, journey: string, id: string, ttlMs: number, capacity: number): Result<number, Context>;
    oklReserveAttempt(journey: string, max: number): Result<string, Context>;
    oklRefundAttempt(journey: string): Result<number, Context>;
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
      oklReserveAttempt: { numberOfKeys: 1, lua: RESERVE_ATTEMPT },
      oklRefundAttempt: { numberOfKeys: 1, lua: REFUND_ATTEMPT },
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
      return await command();
    } catch (cause) {
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
    createJourney: (id, ttlMs, capacity) => run(async () => (await redis.oklCreateJourney('journeys', `journey:${id}`, id, Math.ceil(ttlMs), capacity)) === 1),
    reserveAttempt: (id, max) =>
      run(async (): Promise<Reservation> => {
        const found = await redis.oklReserveAttempt(`journey:${id}`, max);
        if (found === 'ok' || found === 'exhausted' || found === 'unknown') return found;
        throw new Error('unexpected reservation reply');
      }),
    refundAttempt: (id) =>
      run(async () => {
        await redis.oklRefundAttempt(`journey:${id}`);
      }),
    claim: (key, owner, ttlMs) => run(async () => (await redis.set(`claim:${key}`, owner, 'PX', Math.ceil(ttlMs), 'NX')) === 'OK'),
    release: (key, owner) =>
      run(async () => {
        await redis.oklReleaseClaim(`claim:${key}`, owner);
      }),
    put: (key, value, ttlMs) =>
      run(async () => {
        await redis.set(`record:${key}`, value, 'PX', Math.ceil(ttlMs));
      }),
    get: (key) => run(() => redis.get(`record:${key}`)),
    close: async () => {
      redis.removeAllListeners('close');
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
