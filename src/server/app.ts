import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServeConfig, ServerConfig } from './config/config.ts';
import { createEkycMiddleware, type ApiOptions, type EkycApi } from './handler.ts';
import { jsonLogger, silentLogger } from './http/log.ts';
import { ensureRequestId } from './http/request-id.ts';
import { sendJson } from './http/respond.ts';
import { STORE_RETRY_AFTER_S } from './store/store.ts';
import { applySecurityHeaders, securityHeaders } from './http/security-headers.ts';
import { createStaticHandler } from './static/static.ts';

export interface App {
  handle(req: IncomingMessage, res: ServerResponse): void;
  api: EkycApi;
  close(): Promise<void>;
}

/**
 * The production request handler: security headers and a request id on every response, a
 * health check, the API, then the built pages. Anything else is a 404. Unless configured
 * otherwise, the browser gets verdicts only: the person being checked never sees a score.
 */
export function createApp(config: ServerConfig, serve: ServeConfig, options: ApiOptions = {}): App {
  const logger = options.logger ?? (config.log === 'json' ? jsonLogger() : silentLogger);
  const pages = createStaticHandler(serve.staticDir);
  const api = createEkycMiddleware(
    { ...config, answerMode: config.answerMode ?? 'verdict-only' },
    { ...options, logger },
  );
  const headers = securityHeaders(serve);
  let ready = false;
  api.ready.then(
    () => {
      ready = true;
    },
    () => undefined,
  );

  const notFound = (res: ServerResponse): void => {
    res.statusCode = 404;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end('Not found');
  };

  return {
    api,
    handle(req, res) {
      applySecurityHeaders(res, headers);
      ensureRequestId(req, res);
      const path = (req.url ?? '').split('?')[0] ?? '';
      const engine = config.mode === 'upstream' ? 'okaylive' : 'reference';
      // Liveness: the process started and answers. A store outage is not cured by a restart.
      if (path === '/healthz') {
        sendJson(res, ready ? 200 : 503, { status: ready ? 'ok' : 'starting', engine });
        return;
      }
      // Readiness: whether this instance can serve the API now, its store included.
      if (path === '/readyz') {
        if (!ready) return sendJson(res, 503, { status: 'starting', engine });
        void api.storeReachable().then((reachable) => {
          if (reachable) sendJson(res, 200, { status: 'ok', engine });
          else
            sendJson(res, 503, { status: 'store_unavailable', engine }, { 'Retry-After': String(STORE_RETRY_AFTER_S) });
        });
        return;
      }
      api(req, res, () => pages(req, res, () => notFound(res)));
    },
    close: () => api.close(),
  };
}
