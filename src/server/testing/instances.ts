import { readConfig } from '../config/config.ts';
import { createEkycMiddleware, type ApiOptions, type EkycApi } from '../handler.ts';
import { serve, type Running } from './serve.ts';

export interface Instances {
  /** Starts one server instance from environment variables, served on loopback; resolves to its URL. */
  start(env: Record<string, string>, options?: ApiOptions): Promise<string>;
  /** Stops every instance started, HTTP server first, then the API (its Redis connection, its engine). */
  closeAll(): Promise<void>;
}

/** Server instances for tests that run several side by side (on one Redis, say). */
export function serverInstances(): Instances {
  const started: { api: EkycApi; server: Running }[] = [];
  return {
    async start(env, options = {}) {
      const api = createEkycMiddleware(readConfig(env), options);
      await api.ready;
      const server = await serve(api);
      started.push({ api, server });
      return server.url;
    },
    async closeAll() {
      for (const { api, server } of started.splice(0)) {
        await server.close();
        await api.close();
      }
    },
  };
}
