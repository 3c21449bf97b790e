import type { ServerResponse } from 'node:http';
import type { OkayLiveVerdictOnly } from '../../core/api/contract.ts';
import { outcomeOf, type Outcome } from '../../core/api/verdict.ts';
import { errorKind, type Logger } from '../http/log.ts';
import { sendError, sendJson } from '../http/respond.ts';
import type { RouteContext } from './upload.ts';

/**
 * `full`: the browser gets the OkayLive answer as it is. `verdict-only`: a success reaches the
 * browser as its outcome alone, so the person being checked never sees a score to tune a spoof
 * against; the figures stay on the server (log line, answer hook).
 */
export type AnswerMode = 'full' | 'verdict-only';

/** An OkayLive answer in the contract's fields: the reference engine's, or the vendor's after sanitising. */
export interface ContractAnswer {
  status: string;
  messageCode?: string | null;
  message?: string | null;
  probability?: number;
  score?: number;
  quality?: number;
}

/** The full answer to one upload, handed to the host's hook before the browser hears it. */
export interface AnswerEvent {
  /** The whole journeyId (the log line only ever has its first characters). */
  journeyId: string;
  requestId: string;
  /** The HTTP status the answer goes out with. */
  status: number;
  answer: ContractAnswer;
  /** The contract's reading of a success; null for an error answer (a face code, a refusal). */
  outcome: Outcome | null;
  /** `fresh`: judged for this request; `resend`: an identical upload that was already judged. */
  source: 'fresh' | 'resend';
}

/**
 * Where a host embedding the API keeps the answers it acts on. Awaited before the browser is
 * answered, so the backend has the record first; if it throws, the browser gets a 500 and may
 * send again (in upstream mode the resend is answered from the record, not billed again).
 */
export type AnswerHook = (event: AnswerEvent) => void | Promise<void>;

export function outcomeOfAnswer(answer: ContractAnswer): Outcome | null {
  if (answer.status !== 'success' || typeof answer.probability !== 'number' || typeof answer.quality !== 'number')
    return null;
  return outcomeOf(answer.probability, answer.quality);
}

/** What the browser receives; null when a success carries no figures to read an outcome from. */
export function browserAnswer(mode: AnswerMode, answer: ContractAnswer): ContractAnswer | OkayLiveVerdictOnly | null {
  if (mode === 'full' || answer.status !== 'success') return answer;
  const outcome = outcomeOfAnswer(answer);
  return outcome === null ? null : { status: 'success', messageCode: 'api.success', outcome };
}

export interface Delivery {
  journeyId: string;
  status: number;
  answer: ContractAnswer;
  source: AnswerEvent['source'];
}

export type Deliver = (res: ServerResponse, ctx: RouteContext, delivery: Delivery) => Promise<void>;

const round = (v: number): number => Number(v.toFixed(4));

/** Logs the full answer, hands it to the hook, then answers the browser in the configured mode. */
export function createDeliver(mode: AnswerMode, hook: AnswerHook | undefined, log: Logger): Deliver {
  return async (res, ctx, { journeyId, status, answer, source }) => {
    const outcome = outcomeOfAnswer(answer);
    ctx.notes.answer = source;
    if (answer.status === 'success') ctx.notes.outcome = 'success';
    else ctx.notes.outcome = answer.message ?? answer.status;
    if (outcome !== null) ctx.notes.verdict = outcome;
    if (typeof answer.probability === 'number') ctx.notes.probability = round(answer.probability);
    if (typeof answer.quality === 'number') ctx.notes.quality = round(answer.quality);
    if (typeof answer.score === 'number') ctx.notes.score = round(answer.score);
    if (hook) {
      try {
        await hook({ journeyId, requestId: ctx.requestId, status, answer, outcome, source });
      } catch (error) {
        log.error('answer_hook_failed', { requestId: ctx.requestId, ...errorKind(error) });
        ctx.notes.outcome = 'ANSWER_HOOK_FAILED';
        return sendJson(res, 500, { status: 'Internal Server Error' });
      }
    }
    const body = browserAnswer(mode, answer);
    if (body === null) {
      ctx.notes.outcome = 'UNEXPECTED_ERROR';
      ctx.notes.upstream = 'no_figures';
      return sendError(res, 502, 'UNEXPECTED_ERROR');
    }
    sendJson(res, status, body);
  };
}
