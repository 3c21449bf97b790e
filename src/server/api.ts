import type { IncomingMessage, ServerResponse } from 'node:http';
import { Admission } from './http/admission.ts';
import { bodyStarted, watchBodyRate } from './http/body-flow.ts';
import { createDeliver, type AnswerHook } from './upload/answer-mode.ts';
import type { ServerConfig } from './config/config.ts';
import { createHandoff, HANDOFF_METHODS, PAGE_ROUTE } from './handoff/handoff.ts';
import { errorKind, jsonLogger, silentLogger, type Logger } from './http/log.ts';
import { applyCorsHeaders, isPreflight, judgeOrigin, ORIGIN_NOT_ALLOWED, preflight } from './http/origin.ts';
import { clientKey } from './http/rate-limit.ts';
import type { Engine } from './reference/engine-port.ts';
import { createReferenceRoutes } from './reference/service.ts';
import { onRequestEnd } from './http/request-end.ts';
import { ensureRequestId } from './http/request-id.ts';
import { refuseUnread, sendError, sendJson } from './http/respond.ts';
import { discardSmallBody } from './http/small-body.ts';
import { cutRequest } from './http/socket.ts';
import { createStore } from './store/create-store.ts';
import { isStoreUnavailable, STORE_RETRY_AFTER_S, type StateStore } from './store/store.ts';
import { DRAIN_BYTES, DRAIN_MS, type RouteContext } from './upload/upload.ts';
import { createUpstreamRoutes } from './upstream/proxy.ts';

export const API_PREFIX = '/api/ekyc';

type Next = (error?: unknown) => void;
export type Middleware = (req: IncomingMessage, res: ServerResponse, next: Next) => void;

/** The API as connect-style middleware, plus its lifecycle (analysis threads, store connection). */
export interface EkycApi extends Middleware {
  /** Resolves when the API can answer: the models are loaded (reference mode), the store is connected. */
  readonly ready: Promise<void>;
  /** Whether the store answers right now: what a load balancer's readiness check needs to know. */
  storeReachable(): Promise<boolean>;
  close(): Promise<void>;
}

export interface ApiOptions {
  logger?: Logger;
  /**
   * The reference engine, in reference mode (no upstream): required there, and never closed
   * by the API (its owner closes it; tests share one). Upstream mode needs none.
   */
  engine?: Engine;
  /** A ready-made store (tests share one); otherwise memory, or Redis with OKAYLIVE_REDIS_URL. */
  store?: StateStore;
  /** Runs when the API closes, after its own store: what its creator gave it to own (an engine). */
  onClose?: () => Promise<void>;
  /** Receives the full answer to each upload, before the browser hears it (see AnswerHook). */
  onAnswer?: AnswerHook;
  /** The clock handoffs are judged by (expiry, a phone's silence): tests move their own. */
  now?: () => number;
}

type Handler = (req: IncomingMessage, res: ServerResponse, ctx: RouteContext) => void | Promise<void>;

const METHODS: Record<string, string> = {
  '/engine': 'GET',
  '/journeyid': 'POST',
  '/okaylive': 'POST',
  ...HANDOFF_METHODS,
  [PAGE_ROUTE]: 'GET',
};

/**
 * The browser-facing API, as connect-style middleware so Vite's dev server, its preview
 * server, the production server and the server package's faces (Node, Express, Fetch) all
 * mount the same thing. Every answer carries an X-Request-Id and produces one JSON log line.
 * The answer mode defaults to `full` here (the dev console shows the figures); the production
 * server's createApp defaults it to verdict-only.
 */
export function createApiMiddleware(config: ServerConfig, options: ApiOptions = {}): EkycApi {
  const log = options.logger ?? (config.log === 'json' ? jsonLogger() : silentLogger);
  const store = options.store ?? createStore(config, log);
  const ownStore = options.store ? null : store;
  const engine = config.upstream ? null : (options.engine ?? null);
  const deliver = createDeliver(config.answerMode ?? 'full', options.onAnswer, log);
  const routes = config.upstream
    ? createUpstreamRoutes({ upstream: config.upstream, store, log, resendWindowMs: config.resendWindowMs, deliver })
    : createReferenceRoutes({
        store,
        engine: requireEngine(engine),
        journeys: { ttlMs: config.journeyTtlMs, maxAttempts: config.journeyMaxAttempts },
        rules: config.analysis.rules,
        deliver,
        log,
      });
  const engineName = config.mode === 'upstream' ? 'okaylive' : 'reference';
  const admission = new Admission(config.uploads.max, config.uploads.perClient);
  const listed: ReadonlySet<string> = new Set(config.allowedOrigins);
  const handoff = createHandoff({
    config: config.handoff,
    store,
    log,
    apiBase: API_PREFIX,
    trustProxyHops: config.trustProxyHops,
    ...(options.now ? { now: options.now } : {}),
  });
  let warming = false;

  const journeyRoute: Handler = async (req, res, ctx) => {
    if (!config.journeyRoute.enabled) {
      // Hosts that create journeys in their own authenticated backend: the route does not exist.
      ctx.notes.outcome = 'NOT_FOUND';
      return sendError(res, 404, 'NOT_FOUND');
    }
    // The route takes no body: a large one is refused unread rather than drained.
    const body = await discardSmallBody(req);
    if (body === 'aborted') return;
    if (body === 'too_large') {
      ctx.notes.outcome = 'PAYLOAD_TOO_LARGE';
      return refuseUnread(req, res, 413, 'PAYLOAD_TOO_LARGE', { drainBytes: DRAIN_BYTES, drainMs: DRAIN_MS });
    }
    const take = await store.takeToken(clientKey(req, config.trustProxyHops), config.journeyRoute.perMinute);
    if (!take.ok) {
      ctx.notes.outcome = 'RATE_LIMITED';
      return sendError(res, 429, 'RATE_LIMITED', { 'Retry-After': String(take.retryAfterS) });
    }
    return routes.journeyId(req, res, ctx);
  };

  const uploadRoute: Handler = async (req, res, ctx) => {
    // A connection that sent headers and no body holds no slot (Node's header and request
    // deadlines bound it); the slot is taken when the body starts, before it is read on: each
    // upload may hold up to 5 MB.
    if ((await bodyStarted(req)) === 'closed') return;
    const admit = admission.enter(clientKey(req, config.trustProxyHops));
    if (!admit.ok) {
      const busy = admit.reason === 'busy';
      ctx.notes.outcome = busy ? 'SERVICE_UNAVAILABLE' : 'RATE_LIMITED';
      return refuseUnread(req, res, busy ? 503 : 429, ctx.notes.outcome, {
        drainBytes: DRAIN_BYTES,
        drainMs: DRAIN_MS,
        headers: { 'Retry-After': String(admit.retryAfterS) },
      });
    }
    res.once('close', () => admit.ticket.leave());
    ctx.hold = (work) => admit.ticket.hold(work);
    // A body trickling below the minimum rate is cut, and its slot freed with its connection.
    watchBodyRate(req, config.uploads.minRate, () => {
      ctx.notes.outcome = 'BODY_TOO_SLOW';
      // Already answered (an early refusal still draining the body): only the trickle is cut.
      if (res.headersSent) return void cutRequest(req);
      res.once('finish', () => cutRequest(req));
      sendError(res, 408, 'REQUEST_TIMEOUT', { Connection: 'close' });
    });
    // A phone's upload: its handoff's journey, not the multipart field, is the one checked.
    if (handoff.isHandoffUpload(req) && !(await handoff.bindUpload(req, res, ctx))) return;
    return routes.okaylive(req, res, ctx);
  };

  const handlers: Record<string, Handler> = {
    '/engine': (_req, res) => sendJson(res, 200, { engine: engineName }),
    '/journeyid': journeyRoute,
    '/okaylive': uploadRoute,
    ...handoff.routes,
    [PAGE_ROUTE]: handoff.page,
  };

  const route = async (path: string, req: IncomingMessage, res: ServerResponse, ctx: RouteContext): Promise<void> => {
    const method = METHODS[path];
    const handler = handlers[path];
    if (!method || !handler) return sendError(res, 404, 'NOT_FOUND');
    if (isPreflight(req.method, req.headers)) {
      const answer = preflight(req.headers, listed, method);
      ctx.notes.outcome = answer.ok ? 'PREFLIGHT' : ORIGIN_NOT_ALLOWED;
      if (!answer.ok) return sendError(res, 403, ORIGIN_NOT_ALLOWED);
      res.writeHead(204, answer.headers);
      return void res.end();
    }
    const origin = judgeOrigin(req.headers, listed);
    if (origin.kind === 'listed') applyCorsHeaders(res, origin.origin);
    if (req.method !== method && !(method === 'GET' && req.method === 'HEAD')) {
      return sendError(res, 405, 'METHOD_NOT_ALLOWED', { Allow: method === 'GET' ? 'GET, HEAD' : method });
    }
    if (method === 'POST' && origin.kind === 'refused') {
      // Before the body, the rate limit and the admission count: another site's page spends nothing.
      ctx.notes.outcome = ORIGIN_NOT_ALLOWED;
      ctx.notes.origin = origin.origin.slice(0, 100);
      return refuseUnread(req, res, 403, ORIGIN_NOT_ALLOWED, { drainBytes: DRAIN_BYTES, drainMs: DRAIN_MS });
    }
    await handler(req, res, ctx);
  };

  const middleware: Middleware = (req, res, next) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    // The phone page is served here too, so every server that mounts the API has it.
    const page = handoff.isPage(path);
    if (!page && !path.startsWith(`${API_PREFIX}/`)) return next();
    const routePath = page ? PAGE_ROUTE : path.slice(API_PREFIX.length);
    // The first API call (a page asking for the engine or a journey) starts the models, ahead of its upload.
    if (engine && !warming) {
      warming = true;
      engine.ready.catch((error: unknown) => log.error('engine_start', errorKind(error)));
    }
    const ctx: RouteContext = { requestId: ensureRequestId(req, res), notes: {}, hold: () => undefined };
    const started = performance.now();
    onRequestEnd(req, res, (end) => {
      log.info('api', {
        requestId: ctx.requestId,
        method: req.method,
        route: routePath in METHODS ? routePath : 'other',
        status: end.status,
        ms: Math.round(performance.now() - started),
        completed: end.completed,
        ...ctx.notes,
        ...(end.cut ? { outcome: end.cut } : {}),
      });
    });
    route(routePath, req, res, ctx).catch((error: unknown) => {
      if (isStoreUnavailable(error)) {
        // The store logs the outage itself, once; each request it turns away says so in its line.
        ctx.notes.outcome = 'STORE_UNAVAILABLE';
        return sendError(res, 503, 'SERVICE_UNAVAILABLE', { 'Retry-After': String(STORE_RETRY_AFTER_S) });
      }
      log.error('api_error', { requestId: ctx.requestId, ...errorKind(error) });
      ctx.notes.outcome = 'UNEXPECTED_ERROR';
      sendJson(res, 500, { status: 'Internal Server Error' });
    });
  };

  // defineProperties, not Object.assign: reading `ready` starts the engine, so it must stay a getter.
  Object.defineProperties(middleware, {
    ready: { get: () => Promise.all([engine ? engine.ready : undefined, store.ready]).then(() => undefined) },
    storeReachable: { value: () => store.probe() },
    close: {
      value: async () => {
        await ownStore?.close();
        await options.onClose?.();
      },
    },
  });
  return middleware as EkycApi;
}

function requireEngine(engine: Engine | null): Engine {
  if (!engine) throw new Error('reference mode needs an analysis engine: give `engine`, or upstream credentials');
  return engine;
}
