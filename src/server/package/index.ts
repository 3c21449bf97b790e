/**
 * okaylive-capture-server: the two routes the widget calls (`POST {base}/journeyid`,
 * `POST {base}/okaylive`, and `GET {base}/engine`), for a host's own backend. One API object,
 * two faces: `node` (Node's http, Express, Connect, Vite's dev server) and `fetch` (Next.js
 * route handlers and other Fetch-API frameworks). Credentials stay here, never in the browser.
 */
import { createApiMiddleware, type EkycApi, type Middleware } from '../api.ts';
import type { Engine } from '../reference/engine-port.ts';
import { fetchFace, type FetchCall } from './fetch-face.ts';
import { configFromOptions, loggerOf, type OkayLiveServerOptions } from './options.ts';

export { ConfigError } from '../config/config.ts';
export type { AnswerEvent, AnswerHook } from '../upload/answer-mode.ts';
export type { Logger } from '../http/log.ts';
export type { Engine } from '../reference/engine-port.ts';
export type { RequirementOverrides } from '../../core/rules/requirements.ts';
export type { FetchCall, OkayLiveServerOptions };

/** Where the widget calls by default (its `apiBaseUrl`): the API answers under this path. */
export const API_BASE_PATH = '/api/ekyc';

export interface OkayLiveApi {
  /** Connect-style middleware: `app.use(api.node)` (Express), or inside `http.createServer`. Calls `next()` for other paths. */
  readonly node: Middleware;
  /** Answers one Fetch `Request` under `/api/ekyc/`; 404 for any other path. */
  fetch(request: Request, call?: FetchCall): Promise<Response>;
  /** Resolves once the API can answer: the store connected, the reference engine's models loaded. */
  readonly ready: Promise<void>;
  /** Whether the store answers now: for a load balancer's readiness check. */
  storeReachable(): Promise<boolean>;
  /** Closes the store connection and the engine given to it. */
  close(): Promise<void>;
}

/**
 * The API from options in code. With `upstream` it forwards to OkayLive; without it, `engine`
 * (from `okaylive-capture-server/reference`) answers as a development stand-in. The API takes
 * the engine over: `close()` closes it.
 */
export function createOkayLiveApi(options: OkayLiveServerOptions & { engine?: Engine }): OkayLiveApi {
  const config = configFromOptions(options);
  if (!config.upstream && !options.engine) {
    throw new TypeError(
      'okaylive-capture-server: give `upstream` (OkayLive credentials) or `engine` (referenceEngine() from okaylive-capture-server/reference)',
    );
  }
  const engine = config.upstream ? undefined : options.engine;
  const api: EkycApi = createApiMiddleware(config, {
    logger: loggerOf(options),
    ...(engine ? { engine, onClose: () => engine.close() } : {}),
    ...(options.onAnswer ? { onAnswer: options.onAnswer } : {}),
  });
  const node: Middleware = (req, res, next) => api(req, res, next);
  return {
    node,
    fetch: fetchFace(api),
    get ready() {
      return api.ready;
    },
    storeReachable: () => api.storeReachable(),
    close: () => api.close(),
  };
}
