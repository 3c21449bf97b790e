import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HandoffConfig } from '../config/config.ts';
import { isPlausibleJourneyId } from '../upload/journey-id.ts';
import { redactJourneyId, type Logger } from '../http/log.ts';
import { clientKey } from '../http/rate-limit.ts';
import { refuseUnread, sendError, sendJson } from '../http/respond.ts';
import type { StateStore } from '../store/store.ts';
import { DRAIN_BYTES, DRAIN_MS, type RouteContext } from '../upload/upload.ts';
import { readJsonBody, stringField } from './body.ts';
import { streamEvents } from './events.ts';
import { phonePageUrl } from './page.ts';
import {
  CLAIM_PER_MINUTE,
  CREATE_PER_MINUTE,
  EVENT_STREAMS_PER_CLIENT,
  EVENT_STREAMS_RETRY_AFTER_S,
  HANDOFF_CLOSED,
  HANDOFF_NOT_FOUND,
  HANDOFF_TAKEN,
} from './protocol.ts';
import { logTag } from './secrets.ts';
import { deriveEvent, PHONE_PROGRESS, TERMINAL_STATES, type HandoffEvent, type PhoneProgress } from './state.ts';
import type { Found, HandoffStore } from './store.ts';

export type Handler = (req: IncomingMessage, res: ServerResponse, ctx: RouteContext) => Promise<void>;

export interface RouteDeps {
  config: HandoffConfig;
  store: StateStore;
  handoffs: HandoffStore;
  log: Logger;
  now: () => number;
  trustProxyHops: number;
}

function refuse(
  res: ServerResponse,
  ctx: RouteContext,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  ctx.notes.outcome = message;
  sendError(res, status, message, headers);
}

/** The JSON body, or null once the client was answered (too large, not JSON) or went away. */
async function readBody(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: RouteContext,
  invalid: string,
): Promise<Record<string, unknown> | null> {
  const body = await readJsonBody(req);
  if (body.kind === 'json') return body.value;
  if (body.kind === 'too_large') {
    ctx.notes.outcome = 'PAYLOAD_TOO_LARGE';
    refuseUnread(req, res, 413, 'PAYLOAD_TOO_LARGE', { drainBytes: DRAIN_BYTES, drainMs: DRAIN_MS });
  } else if (body.kind === 'invalid') {
    refuse(res, ctx, 400, invalid);
  }
  return null;
}

/** The desktop's watch key from the query string. */
function watchKey(req: IncomingMessage): string | undefined {
  const value = new URL(req.url ?? '/', 'http://localhost').searchParams.get('handoff');
  return value !== null && value.length > 0 && value.length <= 200 ? value : undefined;
}

/** The handoff routes under the API prefix (the upload's binding and the page are elsewhere). */
export function createHandoffRoutes(deps: RouteDeps): Record<string, Handler> {
  const { config, store, handoffs, now } = deps;

  const eventOf = async (found: Found): Promise<HandoffEvent> => deriveEvent(await handoffs.snapshot(found), now());

  const limited = async (
    req: IncomingMessage,
    res: ServerResponse,
    ctx: RouteContext,
    bucket: string,
    perMinute: number,
  ): Promise<boolean> => {
    const take = await store.takeToken(`${bucket}:${clientKey(req, deps.trustProxyHops)}`, perMinute);
    if (take.ok) return false;
    refuse(res, ctx, 429, 'RATE_LIMITED', { 'Retry-After': String(take.retryAfterS) });
    return true;
  };

  /** Open event streams by client: a count each, gone at zero, so the map holds only clients with a stream. */
  const streams = new Map<string, number>();
  /** A stream slot for the client, as the function that frees it; null once it holds its share (then it is answered 429). */
  const streamSlot = (req: IncomingMessage, res: ServerResponse, ctx: RouteContext): (() => void) | null => {
    const client = clientKey(req, deps.trustProxyHops);
    const open = streams.get(client) ?? 0;
    if (open >= EVENT_STREAMS_PER_CLIENT) {
      refuse(res, ctx, 429, 'RATE_LIMITED', { 'Retry-After': String(EVENT_STREAMS_RETRY_AFTER_S) });
      return null;
    }
    streams.set(client, open + 1);
    return () => {
      const remaining = (streams.get(client) ?? 1) - 1;
      if (remaining > 0) streams.set(client, remaining);
      else streams.delete(client);
    };
  };

  /** The desktop's handoff from the query string, or null once the client was answered. */
  const watched = async (req: IncomingMessage, res: ServerResponse, ctx: RouteContext): Promise<Found | null> => {
    const key = watchKey(req);
    const found = key === undefined ? null : await handoffs.findByWatchKey(key);
    if (key === undefined) refuse(res, ctx, 400, 'MISSING_ARGUMENTS');
    else if (!found) refuse(res, ctx, 404, HANDOFF_NOT_FOUND);
    else ctx.notes.handoff = logTag(found.id);
    return found;
  };

  const routes: Record<string, Handler> = {
    async '/handoff'(req, res, ctx) {
      const body = await readBody(req, res, ctx, 'INVALID_JOURNEY_ID');
      if (!body || (await limited(req, res, ctx, 'handoff-create', CREATE_PER_MINUTE))) return;
      const journeyId = stringField(body, 'journeyId');
      if (journeyId === undefined || !isPlausibleJourneyId(journeyId))
        return refuse(res, ctx, 400, 'INVALID_JOURNEY_ID');
      const page = phonePageUrl(config.page, req, deps.trustProxyHops);
      if (page === null) return refuse(res, ctx, 400, 'MISSING_ARGUMENTS');
      const created = await handoffs.create(journeyId, config.ttlMs);
      ctx.notes.handoff = logTag(created.id);
      ctx.notes.journey = redactJourneyId(journeyId);
      ctx.notes.outcome = 'created';
      const { handoff, token, code, expiresAt } = created;
      sendJson(res, 201, { handoff, token, code, link: `${page}#t=${token}`, page, expiresAt, ttlMs: config.ttlMs });
    },

    async '/handoff/claim'(req, res, ctx) {
      const body = await readBody(req, res, ctx, 'MISSING_ARGUMENTS');
      // Every claim is a guess at a code until it finds one: each takes a token, found or not.
      if (!body || (await limited(req, res, ctx, 'handoff-claim', CLAIM_PER_MINUTE))) return;
      const token = stringField(body, 'token');
      const code = stringField(body, 'code', 40);
      if (token === undefined && code === undefined) return refuse(res, ctx, 400, 'MISSING_ARGUMENTS');
      const found = token !== undefined ? await handoffs.findByToken(token) : await handoffs.findByCode(code ?? '');
      if (!found || now() >= found.expiresAt) return refuse(res, ctx, 404, HANDOFF_NOT_FOUND);
      ctx.notes.handoff = logTag(found.id);
      const { state } = await eventOf(found);
      if (state === 'cancelled' || state === 'done') return refuse(res, ctx, 410, HANDOFF_CLOSED);
      const bound = await handoffs.bind(found);
      if (!bound.ok) return refuse(res, ctx, 409, HANDOFF_TAKEN);
      ctx.notes.outcome = 'claimed';
      sendJson(res, 200, { phone: bound.phone, expiresAt: found.expiresAt });
    },

    async '/handoff/phone'(req, res, ctx) {
      const body = await readBody(req, res, ctx, 'MISSING_ARGUMENTS');
      if (!body) return;
      const phone = stringField(body, 'phone');
      const reported = body.state;
      const progress = PHONE_PROGRESS.find((p) => p === reported);
      if (phone === undefined || (reported !== undefined && progress === undefined))
        return refuse(res, ctx, 400, 'MISSING_ARGUMENTS');
      const found = await handoffs.findByPhone(phone);
      if (!found) return refuse(res, ctx, 404, HANDOFF_NOT_FOUND);
      ctx.notes.handoff = logTag(found.id);
      let snapshot = await handoffs.snapshot(found);
      const before = deriveEvent(snapshot, now());
      // Once over, the phone's reports change nothing: it is only told where things stand. A
      // `left` is not over: a reload sends one too, and the same phone's next report undoes it.
      if (!TERMINAL_STATES.has(before.state)) {
        const next: PhoneProgress = progress ?? snapshot.phone?.state ?? 'connected';
        const at = now();
        await handoffs.report(found, next, at);
        snapshot = next === 'left' ? { ...snapshot, leftAt: at } : { ...snapshot, phone: { state: next, at } };
      }
      const { state } = deriveEvent(snapshot, now());
      ctx.notes.outcome = state;
      sendJson(res, 200, { state });
    },

    async '/handoff/status'(req, res, ctx) {
      const found = await watched(req, res, ctx);
      if (!found) return;
      const event = await eventOf(found);
      ctx.notes.outcome = event.state;
      sendJson(res, 200, event);
    },

    async '/handoff/events'(req, res, ctx) {
      // Taken before anything is read, so a client's streams can never outnumber its slots.
      const free = streamSlot(req, res, ctx);
      if (!free) return;
      try {
        const found = await watched(req, res, ctx);
        if (!found) return;
        const first = await eventOf(found);
        ctx.notes.outcome = first.state;
        await streamEvents(req, res, first, {
          // The record gone from the store (long past expiry): nothing more will happen.
          read: async () => {
            const still = await handoffs.refresh(found);
            return still ? eventOf(still) : null;
          },
          log: deps.log,
          requestId: ctx.requestId,
          now,
          onEvent: (event) => {
            ctx.notes.outcome = event.state;
          },
        });
      } finally {
        free();
      }
    },

    async '/handoff/cancel'(req, res, ctx) {
      const body = await readBody(req, res, ctx, 'MISSING_ARGUMENTS');
      if (!body) return;
      const key = stringField(body, 'handoff');
      if (key === undefined) return refuse(res, ctx, 400, 'MISSING_ARGUMENTS');
      const found = await handoffs.findByWatchKey(key);
      if (!found) return refuse(res, ctx, 404, HANDOFF_NOT_FOUND);
      ctx.notes.handoff = logTag(found.id);
      await handoffs.cancel(found);
      ctx.notes.outcome = 'cancelled';
      res.writeHead(204, { 'Cache-Control': 'no-store' });
      res.end();
    },
  };

  if (config.enabled) return routes;
  // Switched off: the routes answer as if they did not exist.
  const off: Handler = async (_req, res, ctx) => refuse(res, ctx, 404, 'NOT_FOUND');
  return Object.fromEntries(Object.keys(routes).map((path) => [path, off]));
}
