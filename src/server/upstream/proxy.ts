import type { IncomingMessage, ServerResponse } from 'node:http';
import { IMAGE_FILENAME, PART_IMAGE, PART_JOURNEY } from '../../core/api/contract.ts';
import type { UpstreamConfig } from '../config.ts';
import { errorKind, redactJourneyId, type Logger } from '../log.ts';
import { sendError, sendJson } from '../respond.ts';
import { acceptImage, receiveUpload, type RouteContext } from '../upload.ts';
import { sanitizeUpstreamBody } from './sanitize.ts';

/** An upstream answer larger than this is not an OkayLive answer. */
const MAX_UPSTREAM_BODY = 64 * 1024;

type Failure = 'timeout' | 'network' | 'not_json' | 'too_large' | 'upstream_5xx' | 'upstream_auth' | 'bad_shape';

type Call = { ok: true; status: number; body: Record<string, unknown> } | { ok: false; failure: Failure; error?: unknown };

async function readBounded(response: Response): Promise<string | null> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_UPSTREAM_BODY) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * One call to Innov8tif, with the configured timeout, abandoned too if our client goes away.
 * Every way it can fail becomes a Failure kind; nothing of the upstream's own words survives.
 */
async function callUpstream(config: UpstreamConfig, path: string, init: RequestInit, clientGone: AbortSignal): Promise<Call> {
  const timeout = AbortSignal.timeout(config.timeoutMs);
  let response: Response;
  let text: string | null;
  try {
    response = await fetch(`${config.baseUrl}${path}`, { ...init, redirect: 'error', signal: AbortSignal.any([timeout, clientGone]) });
    text = await readBounded(response);
  } catch (error) {
    return { ok: false, failure: timeout.aborted ? 'timeout' : 'network', error };
  }
  if (text === null) return { ok: false, failure: 'too_large' };
  if (response.status === 401 || response.status === 403 || response.status === 407) return { ok: false, failure: 'upstream_auth' };
  if (response.status >= 500) return { ok: false, failure: 'upstream_5xx' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, failure: 'not_json' };
  }
  const body = sanitizeUpstreamBody(json);
  if (!body) return { ok: false, failure: 'bad_shape' };
  return { ok: true, status: response.status, body };
}

/** A failed call as the browser sees it: 504 for a timeout, 502 otherwise, the same words always. */
function answerFailure(res: ServerResponse, ctx: RouteContext, log: Logger, call: Call & { ok: false }): void {
  ctx.notes.outcome = 'UNEXPECTED_ERROR';
  ctx.notes.upstream = call.failure;
  log.warn('upstream_failure', { requestId: ctx.requestId, failure: call.failure, ...(call.error ? errorKind(call.error) : {}) });
  sendError(res, call.failure === 'timeout' ? 504 : 502, 'UNEXPECTED_ERROR');
}

/** Aborts when the client closes its connection before we answered. */
function clientGoneSignal(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}

export function createUpstreamRoutes(config: UpstreamConfig, log: Logger) {
  return {
    async journeyId(_req: IncomingMessage, res: ServerResponse, ctx: RouteContext): Promise<void> {
      const call = await callUpstream(
        config,
        '/api/ekyc/journeyid',
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ username: config.username, password: config.password }),
        },
        clientGoneSignal(res),
      );
      if (!call.ok) return answerFailure(res, ctx, log, call);
      ctx.notes.upstreamStatus = call.status;
      ctx.notes.outcome = typeof call.body.message === 'string' ? call.body.message : String(call.body.status);
      if (typeof call.body.journeyId === 'string') ctx.notes.journey = redactJourneyId(call.body.journeyId);
      sendJson(res, call.status, call.body);
    },

    async okaylive(req: IncomingMessage, res: ServerResponse, ctx: RouteContext): Promise<void> {
      const upload = await receiveUpload(req, res, ctx);
      if (!upload) return;
      if (!(await acceptImage(res, ctx, upload.image))) return;
      const form = new FormData();
      const type = upload.mimeType === 'image/png' ? 'image/png' : 'image/jpeg';
      form.append(PART_IMAGE, new Blob([new Uint8Array(upload.image)], { type }), safeFilename(upload.filename));
      form.append(PART_JOURNEY, upload.journeyId);
      const call = await callUpstream(config, '/api/ekyc/okaylive', { method: 'POST', body: form, headers: { Accept: 'application/json' } }, clientGoneSignal(res));
      if (!call.ok) return answerFailure(res, ctx, log, call);
      ctx.notes.upstreamStatus = call.status;
      ctx.notes.outcome = call.body.status === 'success' ? 'success' : String(call.body.message ?? call.body.status);
      sendJson(res, call.status, call.body);
    },
  };
}

/** The client's file name travels upstream only if it is a plain image name. */
function safeFilename(name: string): string {
  return /^[A-Za-z0-9_-]{1,64}\.(jpe?g|png)$/i.test(name) ? name : IMAGE_FILENAME;
}
