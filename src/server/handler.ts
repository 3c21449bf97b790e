import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerConfig } from './config.ts';
import { createReferenceRoutes } from './reference/service.ts';
import { JourneyStore } from './reference/journeys.ts';
import { contractError, sendJson } from './respond.ts';
import { createUpstreamRoutes } from './upstream/proxy.ts';

export const API_PREFIX = '/api/ekyc';

type Next = (error?: unknown) => void;
export type Middleware = (req: IncomingMessage, res: ServerResponse, next: Next) => void;

/**
 * The browser-facing API, as connect-style middleware so Vite's dev server, its preview
 * server and the production server all mount the same thing.
 */
export function createEkycMiddleware(config: ServerConfig): Middleware {
  const routes = config.upstream
    ? createUpstreamRoutes(config.upstream)
    : createReferenceRoutes(new JourneyStore(config.journeyTtlMs));
  const engine = config.mode === 'upstream' ? 'okaylive' : 'reference';

  return (req, res, next) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (!path.startsWith(`${API_PREFIX}/`)) return next();
    const route = path.slice(API_PREFIX.length);
    const handle = async (): Promise<void> => {
      if (route === '/engine' && req.method === 'GET') return sendJson(res, 200, { engine });
      if (route === '/journeyid' && req.method === 'POST') return routes.journeyId(req, res);
      if (route === '/okaylive' && req.method === 'POST') return routes.okaylive(req, res);
      if (route === '/journeyid' || route === '/okaylive' || route === '/engine') {
        return sendJson(res, 405, contractError('METHOD_NOT_ALLOWED'), { Allow: route === '/engine' ? 'GET' : 'POST' });
      }
      sendJson(res, 404, contractError('NOT_FOUND'));
    };
    handle().catch(() => sendJson(res, 500, { status: 'Internal Server Error' }));
  };
}
