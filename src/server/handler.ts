import { createApiMiddleware, type ApiOptions, type EkycApi } from './api.ts';
import type { ServerConfig } from './config/config.ts';
import { createEngine } from './reference/engine.ts';

export { API_PREFIX, type ApiOptions, type EkycApi, type Middleware } from './api.ts';

/**
 * The API as this repository runs it (the dev server, the production server, tests): in
 * reference mode without a given engine, with one of its own, started from the config's
 * analysis settings and closed with the API.
 */
export function createEkycMiddleware(config: ServerConfig, options: ApiOptions = {}): EkycApi {
  if (config.upstream || options.engine) return createApiMiddleware(config, options);
  const engine = createEngine(config.analysis);
  return createApiMiddleware(config, {
    ...options,
    engine,
    onClose: async () => {
      await options.onClose?.();
      await engine.close();
    },
  });
}
