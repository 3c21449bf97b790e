import type { MutationObserverOptions } from '@tanstack/query-core';
import type { LivenessRequest, OkayLiveClient } from './client.ts';
import type { OkayLiveApiError } from './errors.ts';
import { shouldRenewJourney, type JourneyOwner } from './resend.ts';
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
export function journeyMutation(
  client: OkayLiveClient,
): MutationObserverOptions<string, OkayLiveApiError, AbortSignal | undefined> {
  return {
    ...REQUEST_DEFAULTS,
    mutationKey: [...JOURNEY_MUTATION_KEY, client.apiBaseUrl],
    mutationFn: (signal) => client.createJourney(signal),
  };
}

/** What one check needs besides the image: where to send it, and where a journey comes from. */
export interface CheckRoute {
  client: OkayLiveClient;
  /** A new journeyId (the journey request). */
  createJourney(signal?: AbortSignal): Promise<string>;
  /** Who made the journey: only the widget's own is renewed. */
  owner: JourneyOwner;
}

/**
 * The check request, defined once for the session and the public hook: `POST /okaylive` with
 * imageBest + journeyId (a new journey when there is none), renewing a journey the widget made
 * once when the service says it expired.
 */
export async function sendCheck(
  route: CheckRoute,
  imageBest: Blob,
  journeyId: string | null,
  signal?: AbortSignal,
): Promise<Verdict> {
  const first = journeyId ?? (await route.createJourney(signal));
  try {
    return await route.client.checkLiveness({ imageBest, journeyId: first }, signal);
  } catch (error) {
    if (!shouldRenewJourney(error, route.owner)) throw error;
    const renewed = await route.createJourney(signal);
    return route.client.checkLiveness({ imageBest, journeyId: renewed }, signal);
  }
}

/** The check as mutation options: one key, the defaults above, any error type the caller maps to. */
export function checkMutation<TError, TVariables>(
  mutationFn: (variables: TVariables) => Promise<Verdict>,
  apiBaseUrl?: string,
): MutationObserverOptions<Verdict, TError, TVariables> {
  return {
    ...REQUEST_DEFAULTS,
    mutationKey: apiBaseUrl === undefined ? [...CHECK_MUTATION_KEY] : [...CHECK_MUTATION_KEY, apiBaseUrl],
    mutationFn,
  };
}

/** `POST /okaylive` with imageBest + the host's journeyId, resolving to the three-way verdict. */
export function livenessMutation(
  client: OkayLiveClient,
): MutationObserverOptions<Verdict, OkayLiveApiError, CheckVariables> {
  // The host's journey: never renewed here, the host decides what an expired one means.
  const route: CheckRoute = { client, createJourney: (signal) => client.createJourney(signal), owner: 'host' };
  return checkMutation(
    ({ imageBest, journeyId, signal }) => sendCheck(route, imageBest, journeyId, signal),
    client.apiBaseUrl,
  );
}
