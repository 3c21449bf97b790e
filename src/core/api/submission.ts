import type { SessionStore } from '../session/store.ts';
import type { WidgetError } from '../session/types.ts';
import type { OkayLiveClient } from './client.ts';
import { isApiError, isImageCode, isTooLargeCode, type OkayLiveApiError } from './errors.ts';
import type { Verdict } from './verdict.ts';

/** A 429 without Retry-After still waits this long: hammering a rate limit only extends it. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 5_000;

export type ShrinkFn = (blob: Blob, refusedBytes: number) => Promise<Blob | null>;

export interface SubmitterOptions {
  store: SessionStore;
  client: OkayLiveClient;
  /**
   * 'host': the host's backend created the journey (it ties OkayLive to the other eKYC
   * steps), so the widget never replaces it. 'widget': the widget created it and may again.
   */
  journeyOwner: () => 'host' | 'widget';
  onResult?: (verdict: Verdict) => void;
  onError?: (error: WidgetError) => void;
  /** Makes a smaller copy after a 413; without it a 413 asks for a new capture. */
  shrink?: ShrinkFn;
  now?: () => number;
}

export interface Submitter {
  /** Sends the kept capture; a no-op while a request is in flight or before Retry-After has passed. */
  submit(): Promise<void>;
  /** The host brought a new journeyId: use it, and resend if the old one was the failure. */
  journeyChanged(journeyId: string): Promise<void>;
  /** Unmount: abort the request in flight; nothing reaches the store or the host afterwards. */
  dispose(): void;
}

/**
 * The API half of the session: journey, upload, verdict, and every failure turned into a
 * WidgetError with the way forward. The capture stays in the store until a verdict; a
 * transient failure resends it, only an image problem asks for a new one.
 */
export function createSubmitter(options: SubmitterOptions): Submitter {
  const { store, client } = options;
  const now = options.now ?? Date.now;
  let controller: AbortController | null = null;
  let disposed = false;
  /** The upload that replaces the kept Blob after a 413, and the size that was refused. */
  let smaller: { source: Blob; blob: Blob } | null = null;

  const fail = (error: WidgetError) => {
    if (disposed) return;
    if (store.getState().fail(error)) options.onError?.(error);
  };

  async function journey(signal: AbortSignal, renew: boolean): Promise<string> {
    const kept = store.getState().journeyId;
    if (kept && !renew) return kept;
    const created = await client.createJourney(signal);
    store.getState().setJourneyId(created);
    return created;
  }

  async function send(signal: AbortSignal): Promise<Verdict> {
    const { capture } = store.getState();
    if (!capture) throw new Error('no capture kept');
    const image = smaller?.source === capture.blob ? smaller.blob : capture.blob;
    let journeyId = await journey(signal, false);
    try {
      return await client.checkLiveness({ imageBest: image, journeyId }, signal);
    } catch (error) {
      // A journey the widget made has expired or was purged: make a new one and resend, once.
      if (!(isApiError(error) && error.code === 'INVALID_JOURNEY_ID' && options.journeyOwner() === 'widget')) throw error;
      journeyId = await journey(signal, true);
      return client.checkLiveness({ imageBest: image, journeyId }, signal);
    }
  }

  async function toFailure(error: unknown): Promise<WidgetError> {
    if (!isApiError(error)) return { code: 'UNEXPECTED_ERROR', source: 'api', retryable: true };
    const failure = baseFailure(error);
    if (isTooLargeCode(error.code)) failure.retryable = await prepareSmaller();
    if (error.code === 'INVALID_JOURNEY_ID') failure.retryable = false;
    const wait = error.retryAfterMs ?? (error.code === 'RATE_LIMITED' ? DEFAULT_RATE_LIMIT_WAIT_MS : undefined);
    if (wait !== undefined && failure.retryable) failure.retryAt = now() + wait;
    return failure;
  }

  /** After a 413: a smaller copy of the kept capture for the next attempt, if one can be made. */
  async function prepareSmaller(): Promise<boolean> {
    const { capture } = store.getState();
    if (!capture || !options.shrink) return false;
    const refused = smaller?.source === capture.blob ? smaller.blob : capture.blob;
    const blob = await options.shrink(capture.blob, refused.size).catch(() => null);
    if (!blob || blob.size >= refused.size) return false;
    smaller = { source: capture.blob, blob };
    return true;
  }

  async function submit(): Promise<void> {
    if (disposed || controller) return;
    const { error } = store.getState();
    if (error?.retryAt !== undefined && now() < error.retryAt) return;
    if (!store.getState().submit()) return;
    const current = new AbortController();
    controller = current;
    // Cancel or reset moved the session on: abort, and let nothing late reach the store or the host.
    const unsubscribe = store.subscribe((state) => {
      if (state.status !== 'submitting') current.abort();
    });
    const stale = () => disposed || current.signal.aborted || store.getState().status !== 'submitting';
    try {
      const verdict = await send(current.signal);
      if (stale()) return;
      if (store.getState().resolve(verdict)) options.onResult?.(verdict);
    } catch (error) {
      if (stale()) return;
      const failure = await toFailure(error);
      if (stale()) return;
      fail(failure);
    } finally {
      unsubscribe();
      if (controller === current) controller = null;
    }
  }

  return {
    submit,
    async journeyChanged(journeyId) {
      const state = store.getState();
      if (disposed || state.journeyId === journeyId) return;
      state.setJourneyId(journeyId);
      if (state.status === 'error' && state.error?.code === 'INVALID_JOURNEY_ID' && state.capture) {
        // The host answered the expired journey with a new one: carry on with the kept selfie.
        store.setState({ error: { ...state.error, retryable: true } });
        await submit();
      }
    },
    dispose() {
      disposed = true;
      controller?.abort();
      controller = null;
    },
  };
}

function baseFailure(error: OkayLiveApiError): WidgetError {
  const failure: WidgetError = { code: error.code, source: 'api', retryable: error.retryable };
  if (error.status !== undefined) failure.status = error.status;
  if (error.retryAfterMs !== undefined) failure.retryAfterMs = error.retryAfterMs;
  if (isImageCode(error.code)) failure.retryable = false;
  return failure;
}
