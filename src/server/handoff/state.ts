import {
  ENDED_STATES,
  type HandoffAnswer,
  type HandoffEvent,
  type HandoffState,
  type PhoneProgress,
} from '../../core/handoff/types.ts';
import { isVerdictOnlySuccess } from '../../core/api/contract.ts';
import { outcomeOf } from '../../core/api/verdict.ts';

// The protocol's shapes are the browser side's own: one definition for both ends.
export type { HandoffAnswer, HandoffEvent, HandoffState, PhoneProgress } from '../../core/handoff/types.ts';

/** After these, nothing changes any more: the event stream ends once it sent one. */
export const TERMINAL_STATES: ReadonlySet<HandoffState> = ENDED_STATES;

export const PHONE_PROGRESS: readonly PhoneProgress[] = ['connected', 'capturing', 'left'];

/**
 * Everything stored about one handoff, each part under its own key with one writer: the
 * desktop (record, cancel), the phone (its last report, its `left`), the uploads (checking
 * mark, tries, answer). Times are epoch milliseconds.
 */
export interface HandoffSnapshot {
  expiresAt: number;
  cancelled: boolean;
  /** The phone's last report; written first by the claim, so present once a phone holds the handoff. */
  phone: { state: Exclude<PhoneProgress, 'left'>; at: number } | null;
  /**
   * When the phone last said it left (a `pagehide`, which a reload fires too), or null. It holds
   * only until the phone reports again after it: see `saidLeft`.
   */
  leftAt: number | null;
  /** When the latest upload started. */
  checking: { at: number } | null;
  /** The latest upload answered: when it had started (`for`), when it ended, and the retakes so far. */
  tries: { attempts: number; for: number; at: number } | null;
  answer: HandoffAnswer | null;
}

/** How long a phone may stay silent (it reports every 3 s) before it counts as gone. */
export const PHONE_GRACE_MS = 20_000;
/** An upload mark older than this belongs to an instance that died mid-upload: it is no longer `checking`. */
export const CHECKING_LIMIT_MS = 120_000;

/**
 * The state a snapshot stands for at `now`. A cancel outranks everything (the desktop stopped
 * listening), a final answer outranks expiry (it came in time), and a phone is only judged
 * gone by its silence while no upload of its is in flight.
 */
export function deriveEvent(snapshot: HandoffSnapshot, now: number, graceMs = PHONE_GRACE_MS): HandoffEvent {
  const base = { expiresAt: snapshot.expiresAt, attempts: snapshot.tries?.attempts ?? 0 };
  if (snapshot.cancelled) return { state: 'cancelled', ...base };
  if (snapshot.answer) return { state: 'done', ...base, answer: snapshot.answer };
  return { state: liveState(snapshot, now, graceMs), ...base };
}

/**
 * Whether the latest thing the phone said is `left`: it said so, and has not reported since.
 * Both times are written by the phone's own requests only, so their order is the phone's.
 */
export function saidLeft(s: Pick<HandoffSnapshot, 'phone' | 'leftAt'>): boolean {
  return s.leftAt !== null && (s.phone === null || s.phone.at <= s.leftAt);
}

function liveState(s: HandoffSnapshot, now: number, graceMs: number): HandoffState {
  if (now >= s.expiresAt) return 'expired';
  if (saidLeft(s)) return 'phone_left';
  if (!s.phone) return 'waiting';
  const checking =
    s.checking !== null && s.checking.at > (s.tries?.for ?? -Infinity) && now - s.checking.at < CHECKING_LIMIT_MS;
  if (checking) return 'checking';
  const lastSeen = Math.max(s.phone.at, s.tries?.at ?? 0, s.checking?.at ?? 0);
  if (now - lastSeen > graceMs) return 'phone_left';
  return s.tries || s.phone.state === 'capturing' ? 'capturing' : 'connected';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Whether an upload's answer ends the step, by the contract's reading: a success whose
 * outcome is live or not_live (a verdict-only body's `outcome`, or core's reading of the
 * figures). A retake (low quality, a face code) or any refusal leaves the phone capturing.
 */
export function endsTheStep(status: number, body: unknown): boolean {
  if (status < 200 || status > 299) return false;
  if (isVerdictOnlySuccess(body)) return body.outcome !== 'retake';
  if (!isRecord(body) || body.status !== 'success') return false;
  const { probability, quality } = body;
  if (typeof probability !== 'number' || typeof quality !== 'number') return false;
  return outcomeOf(probability, quality) !== 'retake';
}
