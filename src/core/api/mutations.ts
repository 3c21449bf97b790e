import type { MutationObserverOptions } from '@tanstack/query-core';
import type { LivenessRequest, OkayLiveClient } from './client.ts';
import type { OkayLiveApiError } from './errors.ts';
import type { Verdict } from './verdict.ts';

/** Keys under which the two requests appear in a QueryClient (and its devtools). */
export const JOURNEY_MUTATION_KEY = ['okaylive', 'journeyid'] as const;
export const CHECK_MUTATION_KEY = ['okaylive', 'check'] as const;

/**
 * Never retried by the query library: every call costs the host quota, so resending is the
 * person's choice ("Try again"), and the client itself knows when the device is offline.
 */
export const REQUEST_DEFAULTS = { retry: false, networkMode: 'always' } as const;

export interface CheckVariables extends LivenessRequest {
  signal?: AbortSignal;
}

/** `POST /journeyid` through the host's backend, as a mutation. */
export function journeyMutation(client: OkayLiveClient): MutationObserverOptions<string, OkayLiveApiError, AbortSignal | undefined> {
  return { ...REQUEST_DEFAULTS, mutationKey: [...JOURNEY_MUTATION_KEY, client.apiBaseUrl], mutationFn: (signal) => client.createJourney(signal) };
}

/** `POST /okaylive` with imageBest + journeyId, resolving to the three-way verdict. */
export function livenessMutation(client: OkayLiveClient): MutationObserverOptions<Verdict, OkayLiveApiError, CheckVariables> {
  return {
    ...REQUEST_DEFAULTS,
    mutationKey: [...CHECK_MUTATION_KEY, client.apiBaseUrl],
    mutationFn: ({ signal, ...request }) => client.checkLiveness(request, signal),
  };
}
