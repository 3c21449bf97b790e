/**
 * okaylive-capture-server/next: the API as Next.js App Router route handlers. In
 * `app/api/ekyc/[...route]/route.js`:
 *
 *   export const runtime = 'nodejs';
 *   export const { GET, HEAD, POST, OPTIONS } = okayliveRouteHandlers(() => createOkayLiveApi({ … }));
 */
import type { OkayLiveApi } from './index.ts';

type RouteHandler = (request: Request) => Promise<Response>;

export interface OkayLiveRouteHandlers {
  GET: RouteHandler;
  HEAD: RouteHandler;
  POST: RouteHandler;
  OPTIONS: RouteHandler;
}

type FetchingApi = Pick<OkayLiveApi, 'fetch'>;

/**
 * Every method goes to the API, which answers the ones it serves and refuses the rest (405).
 * Given a function, the API is made on the first request, not when Next.js loads the module:
 * `next build` loads every route to read its settings, and must not connect to Redis or start
 * anything there. Next.js gives route handlers no client address: behind a proxy that sets
 * X-Forwarded-For, create the API with `trustProxy`.
 */
export function okayliveRouteHandlers(api: FetchingApi | (() => FetchingApi)): OkayLiveRouteHandlers {
  let made: FetchingApi | null = typeof api === 'function' ? null : api;
  const handle: RouteHandler = (request) => {
    made ??= typeof api === 'function' ? api() : api;
    return made.fetch(request);
  };
  return { GET: handle, HEAD: handle, POST: handle, OPTIONS: handle };
}
