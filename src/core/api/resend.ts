import { isApiError, isImageCode, isTooLargeCode, type ApiErrorCode } from './errors.ts';

/**
 * The resend policy as pure functions: what a failed check means for the kept capture.
 * A failure of the path (network, timeout, a busy service) resends the same image; only a
 * failure of the image asks for a new one.
 */

/** An API failure as the views and the host receive it: a plain, serialisable value (the `api` kind of WidgetError). */
export interface ApiFailure {
  code: ApiErrorCode;
  source: 'api';
  /** Resending the same capture can succeed. */
  retryable: boolean;
  status?: number;
  retryAfterMs?: number;
  /** Epoch ms before which the widget refuses to resend (Retry-After); the view counts down to it. */
  retryAt?: number;
}

/** What the policy reads of any failure the session holds (a camera fault is never resent). */
export interface FailureLike {
  code: string;
  source: string;
  retryable: boolean;
  retryAt?: number | undefined;
}

/** A 429 without Retry-After still waits this long: hammering a rate limit only extends it. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 5_000;

/**
 * 'host': the host's backend created the journey (it ties OkayLive to the other eKYC steps),
 * so the widget never replaces it. 'widget': the widget created it and may again.
 */
export type JourneyOwner = 'host' | 'widget';

/** A journey the widget made has expired or was purged: make a new one and resend, once. */
export function shouldRenewJourney(error: unknown, owner: JourneyOwner): boolean {
  return owner === 'widget' && isApiError(error) && error.code === 'INVALID_JOURNEY_ID';
}

export interface FailureContext {
  now: number;
  /** A smaller copy of the capture is ready for the next attempt (after a 413). */
  smallerCopy: boolean;
}

/** Anything thrown on the request path, as the plain value the views and the host receive. */
export function failureOf(error: unknown, context: FailureContext): ApiFailure {
  if (!isApiError(error)) return { code: 'UNEXPECTED_ERROR', source: 'api', retryable: true };
  const failure: ApiFailure = { code: error.code, source: 'api', retryable: error.retryable };
  if (error.status !== undefined) failure.status = error.status;
  if (error.retryAfterMs !== undefined) failure.retryAfterMs = error.retryAfterMs;
  if (isImageCode(error.code)) failure.retryable = false;
  if (isTooLargeCode(error.code)) failure.retryable = context.smallerCopy;
  // Only the host can bring a new journey (the widget already renewed its own, once).
  if (error.code === 'INVALID_JOURNEY_ID') failure.retryable = false;
  const wait = error.retryAfterMs ?? (error.code === 'RATE_LIMITED' ? DEFAULT_RATE_LIMIT_WAIT_MS : undefined);
  if (wait !== undefined && failure.retryable) failure.retryAt = context.now + wait;
  return failure;
}

/** "Try again" may resend the kept image now: a retryable failure of the path, past any Retry-After. */
export function canResend(error: FailureLike | null, hasCapture: boolean, now: number): boolean {
  if (!error || error.source !== 'api' || !error.retryable || !hasCapture) return false;
  return error.retryAt === undefined || now >= error.retryAt;
}

/** A new journeyId from the host resends the kept image when the old journey was the failure. */
export function resendsOnNewJourney(error: FailureLike | null, hasCapture: boolean): boolean {
  return hasCapture && error?.source === 'api' && error.code === 'INVALID_JOURNEY_ID';
}
