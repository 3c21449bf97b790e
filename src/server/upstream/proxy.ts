import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Deliver } from '../upload/answer-mode.ts';
import type { UpstreamConfig } from '../config/config.ts';
import { errorKind, redactJourneyId, type Logger } from '../http/log.ts';
import { sendError, sendJson } from '../http/respond.ts';
import type { StateStore } from '../store/store.ts';
import { acceptDecodable, acceptImage, receiveUpload, type RouteContext } from '../upload/upload.ts';
import { callUpstream, type Call } from './call.ts';
import { okayLiveBody } from './multipart-body.ts';
import { Resends, resendKey } from './resend.ts';

/**
 * A vendor call outlives the browser's deadline by this factor: past the deadline the browser
 * hears a 504, while the call goes on so that its answer, once it lands, serves the person's
 * resend instead of a second billed call.
 */
export const FLIGHT_LIMIT_FACTOR = 2;

export interface UpstreamOptions {
  upstream: UpstreamConfig;
  store: StateStore;
  log: Logger;
  resendWindowMs: number;
  deliver: Deliver;
}

/** A failed call as the browser sees it: 504 for a timeout, 502 otherwise, the same words always. */
function answerFailure(res: ServerResponse, ctx: RouteContext, log: Logger, failure: string, error?: unknown): void {
  ctx.notes.outcome = 'UNEXPECTED_ERROR';
  ctx.notes.upstream = failure;
  log.warn('upstream_failure', { requestId: ctx.requestId, failure, ...(error ? errorKind(error) : {}) });
  sendError(res, failure === 'timeout' ? 504 : 502, 'UNEXPECTED_ERROR');
}

/** Aborts when the client closes its connection before we answered. */
function clientGoneSignal(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}

export function createUpstreamRoutes({ upstream, store, log, resendWindowMs, deliver }: UpstreamOptions) {
  const flightLimitMs = upstream.timeoutMs * FLIGHT_LIMIT_FACTOR;
  const resends = new Resends({ store, log, windowMs: resendWindowMs, flightLimitMs });
  return {
    resends,

    async journeyId(_req: IncomingMessage, res: ServerResponse, ctx: RouteContext): Promise<void> {
      const call = await callUpstream(
        `${upstream.baseUrl}/api/ekyc/journeyid`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ username: upstream.username, password: upstream.password }),
        },
        upstream.timeoutMs,
        clientGoneSignal(res),
      );
      if (!call.ok) return answerFailure(res, ctx, log, call.failure, call.error);
      ctx.notes.upstreamStatus = call.status;
      ctx.notes.outcome = call.body.message ?? call.body.status;
      if (call.body.journeyId !== undefined) ctx.notes.journey = redactJourneyId(call.body.journeyId);
      sendJson(res, call.status, call.body);
    },

    async okaylive(req: IncomingMessage, res: ServerResponse, ctx: RouteContext): Promise<void> {
      const upload = await receiveUpload(req, res, ctx);
      if (!upload) return;
      const check = await acceptImage(res, ctx, upload.image);
      if (!check) return;
      // Every vendor call is billed: an image the reference engine could not decode is not sent.
      if (!(await acceptDecodable(res, ctx, upload.image))) return;
      const { journeyId, imageDigest } = upload;
      const format = check.format;
      // The call may outlive this request: it alone keeps the image, and only until it is sent.
      let image: Buffer | null = upload.image;
      // Not aborted when the browser goes away: the vendor may judge (and bill) the upload
      // anyway, and its answer is what a resend should get.
      const fly = async (): Promise<Call> => {
        const bytes = image;
        image = null;
        if (bytes === null) throw new Error('an upload is forwarded once');
        const { body, headers } = okayLiveBody(bytes, format, journeyId);
        const init: RequestInit & { duplex: 'half' } = {
          method: 'POST',
          body,
          headers: { ...headers, Accept: 'application/json' },
          duplex: 'half',
        };
        return callUpstream(`${upstream.baseUrl}/api/ekyc/okaylive`, init, flightLimitMs);
      };
      const resolution = await resends.resolve(resendKey(journeyId, imageDigest), fly, upstream.timeoutMs, (work) =>
        ctx.hold(work),
      );
      if (resolution.kind === 'deadline') return answerFailure(res, ctx, log, 'timeout');
      const { call, source } = resolution;
      if (!call.ok) return answerFailure(res, ctx, log, call.failure, call.error);
      ctx.notes.upstreamStatus = call.status;
      await deliver(res, ctx, { journeyId, status: call.status, answer: call.body, source });
    },
  };
}
