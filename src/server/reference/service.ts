import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_REQUEST_BYTES } from '../../core/api/contract.ts';
import type { RuleRow } from '../../core/rules/table.ts';
import type { Deliver } from '../upload/answer-mode.ts';
import { errorKind, redactJourneyId, type Logger } from '../http/log.ts';
import { refuseUnread, sendError, sendJson } from '../http/respond.ts';
import { SettleLater } from '../store/settle-later.ts';
import { isStoreUnavailable, type Reservation, type StateStore } from '../store/store.ts';
import { acceptImage, receiveUpload, type RouteContext } from '../upload/upload.ts';
import { isBusy, type Engine } from './engine-port.ts';

/** Live journeys held at once; creation past it answers MAX_JOURNEY_EXCEEDED. */
export const JOURNEY_CAPACITY = 100_000;

export interface ReferenceOptions {
  store: StateStore;
  engine: Engine;
  /** Like OkayLive's: a journeyId expires, and serves one flow of a bounded number of calls. */
  journeys: { ttlMs: number; maxAttempts: number };
  /** The rules uploads are checked against, with the host's overrides; the table's when absent. */
  rules?: readonly RuleRow[] | undefined;
  deliver: Deliver;
  log: Logger;
}

const round = (v: number, digits = 3): number => Number(v.toFixed(digits));

/** The local OkayLive stand-in: same routes, same validation, same answer shapes. */
export function createReferenceRoutes({ store, engine, journeys, rules, deliver, log }: ReferenceOptions) {
  const settle = new SettleLater(log);
  /** A refund that could not be made now is made when the store answers again: a stall never costs an attempt. */
  const refund = async (journeyId: string, ticket: string, requestId: string): Promise<void> => {
    try {
      await store.refundAttempt(journeyId, ticket);
    } catch (error) {
      if (isStoreUnavailable(error)) settle.later('attempt_refund', () => store.refundAttempt(journeyId, ticket));
      else log.warn('attempt_refund_failed', { requestId, ...errorKind(error) });
    }
  };
  return {
    async journeyId(_req: IncomingMessage, res: ServerResponse, ctx: RouteContext): Promise<void> {
      const journeyId = randomUUID();
      if (!(await store.createJourney(journeyId, journeys.ttlMs, JOURNEY_CAPACITY))) {
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
      // One atomic step, check and count together: concurrent uploads on one journey cannot
      // all pass a check made before any of them was counted.
      const ticket = randomUUID();
      let reservation: Reservation;
      try {
        reservation = await store.reserveAttempt(upload.journeyId, journeys.maxAttempts, ticket);
      } catch (error) {
        // The store gave no answer in time, but may still run the reservation when it wakes:
        // the ticket is refunded (now or once it answers), so whatever it counts is given back.
        if (isStoreUnavailable(error)) void refund(upload.journeyId, ticket, ctx.requestId);
        throw error;
      }
      if (reservation !== 'ok') {
        const message = reservation === 'exhausted' ? 'MAX_API_CALL_EXCEEDED' : 'INVALID_JOURNEY_ID';
        ctx.notes.outcome = message;
        sendError(res, 400, message);
        return;
      }
      let analysed = false;
      try {
        if (!(await acceptImage(res, ctx, upload.image))) return;
        const outcome = await engine.analyse(upload.image, rules);
        if (isBusy(outcome)) {
          ctx.notes.outcome = 'SERVICE_UNAVAILABLE';
          sendError(res, 503, 'SERVICE_UNAVAILABLE', { 'Retry-After': String(outcome.retryAfterS) });
          return;
        }
        analysed = true;
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
          ctx.notes.sharpness = round(notes.aspects.sharpness);
          ctx.notes.exposure = round(notes.aspects.exposure);
          ctx.notes.faceSize = round(notes.aspects.faceSize);
        }
        // A face code is OkayLive's error list: the upload was accepted (200), the face needs a retake.
        const contract =
          answer.kind === 'face'
            ? { status: 'error', messageCode: null, message: answer.code }
            : {
                status: 'success',
                messageCode: 'api.success',
                probability: answer.probability,
                score: answer.score,
                quality: answer.quality,
              };
        await deliver(res, ctx, { journeyId: upload.journeyId, status: 200, answer: contract, source: 'fresh' });
      } finally {
        // An upload refused or shed before analysis was not an attempt.
        if (!analysed) await refund(upload.journeyId, ticket, ctx.requestId);
      }
    },
  };
}
