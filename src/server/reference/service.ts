import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_REQUEST_BYTES } from '../../core/api/contract.ts';
import { redactJourneyId } from '../log.ts';
import { refuseUnread, sendError, sendJson } from '../respond.ts';
import { acceptImage, receiveUpload, type RouteContext } from '../upload.ts';
import { isBusy, type Engine } from './engine.ts';
import type { JourneyStore } from './journeys.ts';

const round = (v: number, digits = 4): number => Number(v.toFixed(digits));

/** The local OkayLive stand-in: same routes, same validation, same answer shapes. */
export function createReferenceRoutes(journeys: JourneyStore, engine: Engine) {
  return {
    journeyId(_req: IncomingMessage, res: ServerResponse, ctx: RouteContext): void {
      const journeyId = journeys.create();
      if (journeyId === null) {
        ctx.notes.outcome = 'MAX_JOURNEY_EXCEEDED';
        sendError(res, 400, 'MAX_JOURNEY_EXCEEDED');
        return;
      }
      ctx.notes.journey = redactJourneyId(journeyId);
      ctx.notes.outcome = 'success';
      sendJson(res, 200, { status: 'success', message: 'api.success', journeyId });
    },

    async okaylive(req: IncomingMessage, res: ServerResponse, ctx: RouteContext): Promise<void> {
      if (engine.saturated) {
        // Refused before reading the upload: nothing is buffered for a request we cannot serve.
        const { retryAfterS } = engine.busy();
        ctx.notes.outcome = 'SERVICE_UNAVAILABLE';
        refuseUnread(req, res, 503, 'SERVICE_UNAVAILABLE', {
          drainBytes: MAX_REQUEST_BYTES,
          drainMs: 10_000,
          headers: { 'Retry-After': String(retryAfterS) },
        });
        return;
      }
      const upload = await receiveUpload(req, res, ctx);
      if (!upload) return;
      const state = journeys.state(upload.journeyId);
      if (state !== 'ok') {
        const message = state === 'exhausted' ? 'MAX_API_CALL_EXCEEDED' : 'INVALID_JOURNEY_ID';
        ctx.notes.outcome = message;
        sendError(res, 400, message);
        return;
      }
      if (!(await acceptImage(res, ctx, upload.image))) return;

      const outcome = await engine.analyse(upload.image);
      if (isBusy(outcome)) {
        ctx.notes.outcome = 'SERVICE_UNAVAILABLE';
        sendError(res, 503, 'SERVICE_UNAVAILABLE', { 'Retry-After': String(outcome.retryAfterS) });
        return;
      }
      journeys.recordAttempt(upload.journeyId);
      if (outcome.kind === 'undecodable') {
        ctx.notes.outcome = 'Failed to decode image';
        sendError(res, 400, 'Failed to decode image');
        return;
      }
      const { answer, notes } = outcome;
      ctx.notes.faces = notes.faces;
      ctx.notes.failures = notes.failures.join(' ');
      ctx.notes.decodeMs = notes.decodeMs;
      ctx.notes.detectMs = notes.detectMs;
      if (notes.aspects) {
        ctx.notes.sharpness = round(notes.aspects.sharpness, 3);
        ctx.notes.exposure = round(notes.aspects.exposure, 3);
        ctx.notes.faceSize = round(notes.aspects.faceSize, 3);
      }
      if (answer.kind === 'face') {
        // OkayLive's error list: the upload was accepted (200), the face needs a retake.
        ctx.notes.outcome = answer.code;
        sendError(res, 200, answer.code);
        return;
      }
      ctx.notes.outcome = 'success';
      ctx.notes.probability = round(answer.probability);
      ctx.notes.quality = round(answer.quality);
      sendJson(res, 200, {
        status: 'success',
        messageCode: 'api.success',
        probability: answer.probability,
        score: answer.score,
        quality: answer.quality,
      });
    },
  };
}
