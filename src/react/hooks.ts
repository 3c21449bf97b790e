import { useMutation, type UseMutationResult } from '@tanstack/react-query';
import { useMemo } from 'react';
import { createOkayLiveClient, type ClientOptions, type OkayLiveClient } from '../core/api/client.ts';
import type { OkayLiveApiError } from '../core/api/errors.ts';
import { journeyMutation, livenessMutation, type CheckVariables } from '../core/api/mutations.ts';
import type { Verdict } from '../core/api/verdict.ts';

export type { CheckVariables };

/** A client that changes only when its options do (headers compared by value). */
export function useOkayLiveClient(options: ClientOptions): OkayLiveClient {
  const headersKey = JSON.stringify(options.headers ?? {});
  return useMemo(
    () => createOkayLiveClient(options),
    // headers by value: hosts often pass a fresh literal on each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [options.apiBaseUrl, headersKey, options.credentials, options.fetch, options.timeoutMs],
  );
}

/** `POST /journeyid` through the host's backend; usable without the component. */
export function useCreateJourney(
  client: OkayLiveClient,
): UseMutationResult<string, OkayLiveApiError, AbortSignal | undefined> {
  return useMutation(journeyMutation(client));
}

/** `POST /okaylive` with imageBest + journeyId, resolving to the three-way verdict. */
export function useLivenessCheck(client: OkayLiveClient): UseMutationResult<Verdict, OkayLiveApiError, CheckVariables> {
  return useMutation(livenessMutation(client));
}
