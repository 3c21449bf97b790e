import { useMutation, type UseMutationResult } from '@tanstack/react-query';
import { useMemo } from 'react';
import { createOkayLiveClient, type ClientOptions, type LivenessRequest, type OkayLiveClient } from '../core/api/client.ts';
import type { OkayLiveApiError } from '../core/api/errors.ts';
import type { Verdict } from '../core/api/verdict.ts';

/** A client that changes only when its options do (headers compared by value). */
export function useOkayLiveClient(options: ClientOptions): OkayLiveClient {
  const headersKey = JSON.stringify(options.headers ?? {});
  return useMemo(
    () => createOkayLiveClient(options),
    [options.apiBaseUrl, headersKey, options.credentials, options.fetch, options.timeoutMs],
  );
}

export interface CheckVariables extends LivenessRequest {
  signal?: AbortSignal;
}

/** `POST /journeyid` through the host's backend; usable without the component. */
export function useCreateJourney(client: OkayLiveClient): UseMutationResult<string, OkayLiveApiError, AbortSignal | undefined> {
  return useMutation<string, OkayLiveApiError, AbortSignal | undefined>({
    mutationKey: ['okaylive', 'journeyid', client.apiBaseUrl],
    mutationFn: (signal) => client.createJourney(signal),
    retry: false,
  });
}

/** `POST /okaylive` with imageBest + journeyId, resolving to the three-way verdict. */
export function useLivenessCheck(client: OkayLiveClient): UseMutationResult<Verdict, OkayLiveApiError, CheckVariables> {
  return useMutation<Verdict, OkayLiveApiError, CheckVariables>({
    mutationKey: ['okaylive', 'check', client.apiBaseUrl],
    mutationFn: ({ signal, ...request }) => client.checkLiveness(request, signal),
    // Retrying is the person's choice ("Try again"), never silent: each call costs quota.
    retry: false,
  });
}
