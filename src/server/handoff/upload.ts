import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorKind, type Logger } from '../http/log.ts';
import { refuseUnread } from '../http/respond.ts';
import { SettleLater } from '../store/settle-later.ts';
import { isStoreUnavailable, STORE_RETRY_AFTER_S } from '../store/store.ts';
import { DRAIN_BYTES, DRAIN_MS, type RouteContext } from '../upload/upload.ts';
import { teeAnswer } from './answer-tee.ts';
import { HANDOFF_CLOSED, HANDOFF_HEADER, HANDOFF_NOT_FOUND } from './protocol.ts';
import { logTag } from './secrets.ts';
import { deriveEvent, endsTheStep, saidLeft, TERMINAL_STATES, type HandoffAnswer } from './state.ts';
import type { Found, HandoffStore } from './store.ts';

export interface UploadDeps {
  enabled: boolean;
  handoffs: HandoffStore;
  log: Logger;
  now: () => number;
}

/** Whether an upload came from a handoff's phone (it names the phone's key). */
export function isHandoffUpload(req: IncomingMessage): boolean {
  return req.headers[HANDOFF_HEADER] !== undefined;
}

/**
 * Binds a phone's upload to its handoff before the body is read: the journeyId the desktop gave
 * replaces the multipart field (the phone never knows it), the handoff shows `checking`, and the
 * answer the phone gets is recorded for the desktop once it went out. Answers the client itself
 * and returns false when the upload cannot go on (unknown key, handoff over, store down).
 */
export function createUploadBinding(
  deps: UploadDeps,
): (req: IncomingMessage, res: ServerResponse, ctx: RouteContext) => Promise<boolean> {
  const { handoffs, log, now } = deps;
  // A record the store could not take now is written once it answers again: the desktop hears the answer late, not never.
  const settle = new SettleLater(log);

  const record = (found: Found, startedAt: number, answer: HandoffAnswer, requestId: string): void => {
    const write = (): Promise<void> =>
      handoffs.recordAnswer(found, startedAt, answer, endsTheStep(answer.status, answer.body));
    write().catch((error: unknown) => {
      if (isStoreUnavailable(error)) settle.later('handoff_answer', write);
      else log.error('handoff_answer_failed', { requestId, ...errorKind(error) });
    });
  };

  return async (req, res, ctx) => {
    const refuse = (status: number, message: string, headers: Record<string, string> = {}): false => {
      ctx.notes.outcome = message;
      refuseUnread(req, res, status, message, { drainBytes: DRAIN_BYTES, drainMs: DRAIN_MS, headers });
      return false;
    };
    const header = req.headers[HANDOFF_HEADER];
    const phone = typeof header === 'string' ? header : undefined;
    if (!deps.enabled || phone === undefined || phone.length === 0 || phone.length > 200)
      return refuse(404, HANDOFF_NOT_FOUND);
    const startedAt = now();
    try {
      const found = await handoffs.findByPhone(phone);
      if (!found) return refuse(404, HANDOFF_NOT_FOUND);
      ctx.notes.handoff = logTag(found.id);
      const snapshot = await handoffs.snapshot(found);
      // A phone whose latest word is `left` is gone: its late upload does not reopen the handoff.
      // Once it reports again (back from a reload), it may upload.
      if (TERMINAL_STATES.has(deriveEvent(snapshot, startedAt).state) || saidLeft(snapshot))
        return refuse(410, HANDOFF_CLOSED);
      await handoffs.markChecking(found, startedAt);
      ctx.journeyId = found.journeyId;
      teeAnswer(res, (answer) => record(found, startedAt, answer, ctx.requestId));
      return true;
    } catch (error) {
      // Answered here rather than by the middleware's catch: the body is still unread, and is drained within bounds.
      if (!isStoreUnavailable(error)) throw error;
      ctx.notes.outcome = 'STORE_UNAVAILABLE';
      refuseUnread(req, res, 503, 'SERVICE_UNAVAILABLE', {
        drainBytes: DRAIN_BYTES,
        drainMs: DRAIN_MS,
        headers: { 'Retry-After': String(STORE_RETRY_AFTER_S) },
      });
      return false;
    }
  };
}
