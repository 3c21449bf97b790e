import { useCallback, useEffect, useRef } from 'react';
import type { OkayLiveClient } from '../core/api/client.ts';
import { shrinkImage } from '../core/api/shrink.ts';
import { createSubmitter, type Submitter } from '../core/api/submission.ts';
import type { Verdict } from '../core/api/verdict.ts';
import type { WidgetError } from '../core/session/types.ts';
import { useSessionContext } from './context.ts';
import { useCreateJourney, useLivenessCheck } from './hooks.ts';

export interface SubmissionOptions {
  /** The host's journeyId prop: when given, the widget never creates or replaces a journey. */
  journeyId?: string | undefined;
  onResult?: ((verdict: Verdict) => void) | undefined;
  onError?: ((error: WidgetError) => void) | undefined;
}

/**
 * Sends the kept capture through the core submitter (one request at a time, the same image
 * after a transient failure, Retry-After honoured), via the React Query mutations so hosts
 * see them in their devtools. Unmount, Cancel or reset aborts the request in flight.
 */
export function useSubmission(options: SubmissionOptions): () => Promise<void> {
  const { store, client: base } = useSessionContext();
  const createJourney = useCreateJourney(base);
  const check = useLivenessCheck(base);
  const current = { options, base, createJourney: createJourney.mutateAsync, check: check.mutateAsync };
  const latest = useRef(current);
  latest.current = current;
  const submitter = useRef<Submitter | null>(null);

  // Created in an effect, not during render, so StrictMode's mount-unmount-mount leaves a live one.
  useEffect(() => {
    const client: OkayLiveClient = {
      get apiBaseUrl() {
        return latest.current.base.apiBaseUrl;
      },
      createJourney: (signal) => latest.current.createJourney(signal),
      checkLiveness: (request, signal) => latest.current.check(signal ? { ...request, signal } : request),
    };
    const instance = createSubmitter({
      store,
      client,
      journeyOwner: () => (latest.current.options.journeyId ? 'host' : 'widget'),
      onResult: (verdict) => latest.current.options.onResult?.(verdict),
      onError: (error) => latest.current.options.onError?.(error),
      shrink: async (blob, refused) => (await shrinkImage(blob, refused))?.blob ?? null,
    });
    submitter.current = instance;
    return () => {
      instance.dispose();
      if (submitter.current === instance) submitter.current = null;
    };
  }, [store]);

  // A new journeyId from the host: used from now on, and it resends a capture its old one failed.
  const hostJourney = options.journeyId;
  useEffect(() => {
    if (hostJourney) void submitter.current?.journeyChanged(hostJourney);
  }, [hostJourney]);

  return useCallback(async () => {
    await submitter.current?.submit();
  }, []);
}
