import type { ServerConfig } from '../config/config.ts';
import type { Logger } from '../http/log.ts';
import { createMemoryStore } from './memory-store.ts';
import { createRedisStore } from './redis-store.ts';
import type { StateStore } from './store.ts';

/** Redis when OKAYLIVE_REDIS_URL is set (several instances), else this process's memory. */
export function createStore(config: Pick<ServerConfig, 'redisUrl'>, logger: Logger): StateStore {
  return config.redisUrl ? createRedisStore({ url: config.redisUrl, logger }) : createMemoryStore();
}
