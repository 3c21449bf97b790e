/**
 * The phone handoff as the browser sees it: a desktop without a usable camera hands the selfie
 * to the person's phone by QR code (or a short code), and hears the phone's progress and the
 * verdict back. The server binds the journeyId to the handoff; no handoff value carries it.
 */

/** Where the handoff is, as the server tells it. */
export type HandoffState =
  'waiting' | 'connected' | 'capturing' | 'checking' | 'done' | 'phone_left' | 'cancelled' | 'expired';

/**
 * States after which nothing more happens on this handoff (a new code starts another). A phone
 * that left is not among them: a reload says `left` too, and the same phone comes back.
 */
export const ENDED_STATES: ReadonlySet<HandoffState> = new Set<HandoffState>(['done', 'cancelled', 'expired']);

/** The upload's answer exactly as the phone received it: the desktop reads it as its own. */
export interface HandoffAnswer {
  status: number;
  body: unknown;
  retryAfter?: string;
}

export interface HandoffEvent {
  state: HandoffState;
  expiresAt: number;
  /** Uploads the phone made that did not end the step (retakes). */
  attempts: number;
  /** With `done`: the answer that ended the step. */
  answer?: HandoffAnswer;
}

/** What the desktop shows: the QR's link, the page to type the code on, and the code. */
export interface HandoffTicket {
  /** The desktop's own key to watch and cancel the handoff (never shown). */
  handoff: string;
  /** The phone page with the single-use token in its fragment: what the QR code encodes. */
  link: string;
  /** The phone page without a token: the short link where the code is typed. */
  page: string;
  code: string;
  expiresAt: number;
  ttlMs: number;
}

/** Why a handoff call failed: each maps to catalogue text (`error.<code>`). */
export type HandoffErrorCode =
  'HANDOFF_NOT_FOUND' | 'HANDOFF_TAKEN' | 'HANDOFF_CLOSED' | 'HANDOFF_UNAVAILABLE' | 'RATE_LIMITED' | 'OFFLINE';

export class HandoffError extends Error {
  readonly code: HandoffErrorCode;
  readonly retryAfterMs: number | undefined;
  constructor(
    code: HandoffErrorCode,
    options: { retryAfterMs?: number | undefined; cause?: unknown; detail?: string } = {},
  ) {
    super(options.detail ?? code, { cause: options.cause });
    this.name = 'HandoffError';
    this.code = code;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** The phone's progress, as it reports it (the server adds `checking` itself during an upload). */
export type PhoneProgress = 'connected' | 'capturing' | 'left';

/** The header that tells the upload route which handoff an upload belongs to. */
export const HANDOFF_HEADER = 'X-OkayLive-Handoff';

/** What the phone sends in the upload's journeyId field: the server uses the bound journey instead. */
export const PHONE_JOURNEY_PLACEHOLDER = 'handoff';
