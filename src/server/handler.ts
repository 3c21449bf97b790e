import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerConfig } from './config.ts';
import { errorKind, jsonLogger, silentLogger, type Logger } from './log.ts';
import { clientKey, RateLimiter } from './rate-limit.ts';
import { createEngine, type Engine } from './reference/engine.ts';
import { JourneyStore } from './reference/journeys.ts';
import { createReferenceRoutes } from './reference/service.ts';
import { onRequestEnd } from './request-end.ts';
import { ensureRequestId } from './request-id.ts';
import { refuseUnread, sendError, sendJson } from './respond.ts';
import { discardSmallBody } from './small-body.ts';
import { DRAIN_BYTES, DRAIN_MS, type RouteContext } from './upload.ts';
import { createUpstreamRoutes } from './upstream/proxy.ts';

export const API_PREFIX = '/api/ekyc';

type Next = (error?: unknown) => void;
export type Middleware = (req: IncomingMessage, res: ServerResponse, next: Next) => void;

/** The API as connect-style middleware, plus its lifecycle (the reference engine's threads). */
export interface EkycApi extends Middleware {
  /** Resolves when the API can answer (reference mode: the models are loaded). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

export interface ApiOptions {
  logger?: Logger;
  /** A ready-made engine (tests share one); otherwise reference mode starts its own. */
  engine?: Engine;
}

type Handler = (req: IncomingMessage, res: ServerResponse, ctx: RouteContext) => void | Promise<void>;

const METHODS: Record<string, string> = { '/engine': 'GET', '/journeyid': 'POST', '/okaylive': 'POST' };

/**
 * The browser-facing API, as connect-style middleware so Vite's dev server, its preview
 * server and the production server all mount the same thing. Every answer carries an
 * X-Request-Id and produces one JSON log line.
 */
export function createEkycMiddleware(config: ServerConfig, options: ApiOptions = {}): EkycApi {
  const log = options.logger ?? (config.log === 'json' ? jsonLogger() : silentLogger);
  const ownEngine = config.upstream || options.engine ? null : createEngine(config.analysis);
  const engine = options.engine ?? ownEngine;
  const routes = config.upstream
    ? createUpstreamRoutes(config.upstream, log)
    : createReferenceRoutes(new JourneyStore({ ttlMs: config.journeyTtlMs, maxAttempts: config.journeyMaxAttempts }), requireEngine(engine));
  const engineName = config.mode === 'upstream' ? 'okaylive' : 'reference';
  const limiter = new RateLimiter(config.journeyRoute.perMinute);
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
    const take = limiter.take(clientKey(req, config.trustProxyHops));
    if (!take.ok) {
      ctx.notes.outcome = 'RATE_LIMITED';
      return sendError(res, 429, 'RATE_LIMITED', { 'Retry-After': String(take.retryAfterS) });
    }
    return routes.journeyId(req, res, ctx);
  };
  const handlers: Record<string, Handler> = {
    '/engine': (_req, res) => sendJson(res, 200, { engine: engineName }),
    '/journeyid': journeyRoute,
    '/okaylive': (req, res, ctx) => routes.okaylive(req, res, ctx),
  };

  const middleware: Middleware = (req, res, next) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (!path.startsWith(`${API_PREFIX}/`)) return next();
    const route = path.slice(API_PREFIX.length);
    // The first API call (a page asking for the engine or a journey) starts the models, ahead of its upload.
    if (engine && !warming) {
      warming = true;
      engine.ready.catch((error: unknown) => log.error('engine_start', errorKind(error)));
    }
    const ctx: RouteContext = { requestId: ensureRequestId(req, res), notes: {} };
    const started = performance.now();
    onRequestEnd(req, res, (end) => {
      log.info('api', {
        requestId: ctx.requestId,
        method: req.method,
        route: route in METHODS ? route : 'other',
        status: end.status,
        ms: Math.round(performance.now() - started),
        completed: end.completed,
        ...ctx.notes,
        ...(end.cut ? { outcome: end.cut } : {}),
      });
    });
    const handle = async (): Promise<void> => {
      const method = METHODS[route];
      const handler = handlers[route];
      if (!method || !handler) return sendError(res, 404, 'NOT_FOUND');
      if (req.method !== method && !(method === 'GET' && req.method === 'HEAD')) {
        return sendError(res, 405, 'METHOD_NOT_ALLOWED', { Allow: method === 'GET' ? 'GET, HEAD' : method });
      }
      await handler(req, res, ctx);
    };
    handle().catch((error: unknown) => {
      log.error('api_error', { requestId: ctx.requestId, ...errorKind(error) });
      ctx.notes.outcome = 'UNEXPECTED_ERROR';
      sendJson(res, 500, { status: 'Internal Server Error' });
    });
  };

  // defineProperties, not Object.assign: reading `ready` starts the engine, so it must stay a getter.
  Object.defineProperties(middleware, {
    ready: { get: () => (engine ? engine.ready : Promise.resolve()) },
    close: { value: async () => ownEngine?.close() },
  });
  return middleware as EkycApi;
}

function requireEngine(engine: Engine | null): Engine {
  if (!engine) throw new Error('reference mode needs an analysis engine');
  return engine;
}
