import { useCallback, useEffect, useRef } from 'react';
import type { Verdict } from '../core/api/verdict.ts';
import type { WidgetError } from '../core/session/types.ts';
import { useSessionContext } from './context.ts';
import { apiFailure } from './errors.ts';
import { useCreateJourney, useLivenessCheck } from './hooks.ts';

export interface SubmissionCallbacks {
  onResult?: ((verdict: Verdict) => void) | undefined;
  onError?: ((error: WidgetError) => void) | undefined;
}

/**
 * Sends the kept capture: one request at a time (the store refuses a second `submit`), the
 * journey created on demand, and everything aborted when the widget goes away.
 */
export function useSubmission(callbacks: SubmissionCallbacks): () => Promise<void> {
  const { store, client } = useSessionContext();
  const createJourney = useCreateJourney(client);
  const check = useLivenessCheck(client);
  const inFlight = useRef<AbortController | null>(null);
  const latest = useRef(callbacks);
  latest.current = callbacks;

  useEffect(
    () => () => {
      inFlight.current?.abort();
    },
    [],
  );

  return useCallback(async () => {
    if (!store.getState().submit()) return;
    const controller = new AbortController();
    inFlight.current = controller;
    try {
      const { capture } = store.getState();
      if (!capture) throw new Error('capture vanished');
      let journeyId = store.getState().journeyId;
      if (!journeyId) {
        journeyId = await createJourney.mutateAsync(controller.signal);
        store.getState().setJourneyId(journeyId);
      }
      const verdict = await check.mutateAsync({ imageBest: capture.blob, journeyId, signal: controller.signal });
      if (controller.signal.aborted) return;
      store.getState().resolve(verdict);
      latest.current.onResult?.(verdict);
    } catch (error) {
      if (controller.signal.aborted) return;
      const failure = apiFailure(error);
      // An unknown or expired journey cannot be retried as is: forget it so "Try again" makes a new one.
      if (failure.code === 'INVALID_JOURNEY_ID') store.getState().setJourneyId(null);
      store.getState().fail(failure);
      latest.current.onError?.(failure);
    } finally {
      if (inFlight.current === controller) inFlight.current = null;
    }
    // mutateAsync is stable per hook instance; the store and client come from context.
  }, [store, createJourney.mutateAsync, check.mutateAsync]);
}
