import { MutationObserver, type MutationObserverResult, type QueryClient } from '@tanstack/query-core';
import type { OkayLiveClient } from './client.ts';
import { isApiError, isTooLargeCode, type OkayLiveApiError } from './errors.ts';
import { checkMutation, journeyMutation, sendCheck } from './mutations.ts';
import { failureOf, type ApiFailure, type JourneyOwner } from './resend.ts';
import type { Verdict } from './verdict.ts';

/** Makes a smaller copy of `source` after `refusedBytes` were refused (413), or null when none can be made. */
export type ShrinkFn = (source: Blob, refusedBytes: number) => Promise<Blob | null>;

export interface SubmitVariables {
  /** The bytes to send: the capture, or the smaller copy made after a 413. */
  image: Blob;
  /** The capture's own bytes, which a smaller copy is made from. */
  source: Blob;
  journeyId: string | null;
  owner: JourneyOwner;
  signal: AbortSignal;
}

/** An answer that reached another browser (the phone of a handoff), read here as this one's own. */
export interface RelayedVariables {
  relayed: () => Promise<Verdict>;
}

export type CheckInput = SubmitVariables | RelayedVariables;
export type CheckResult = MutationObserverResult<Verdict, ApiFailure, CheckInput>;
export type JourneyResult = MutationObserverResult<string, OkayLiveApiError, AbortSignal | undefined>;

export interface RequestsDeps {
  queryClient: QueryClient;
  client(): OkayLiveClient;
  now(): number;
  shrink?: ShrinkFn | undefined;
  /** A journey was created for this check: the session records it. */
  onJourney(journeyId: string): void;
  /** A smaller copy was made after a 413: the session sends it from now on. */
  onSmaller(blob: Blob): void;
}

export interface Requests {
  readonly journey: MutationObserver<string, OkayLiveApiError, AbortSignal | undefined>;
  readonly check: MutationObserver<Verdict, ApiFailure, CheckInput>;
  /** Creates the journey if needed, sends the image, and renews a journey the widget made, once. */
  submit(variables: SubmitVariables): Promise<Verdict>;
  /** The check's answer, received elsewhere: the same verdict or failure, the same state. */
  relay(read: () => Promise<Verdict>): Promise<Verdict>;
  /** The journeyId to use: the one given, or a new one (the journey mutation). */
  journeyFor(journeyId: string | null, signal: AbortSignal): Promise<string>;
  /** Forgets both requests' state (a new capture, or the flow was left). */
  reset(): void;
}

/**
 * The two requests of a check, as query-core mutations: they own the request state (pending,
 * the verdict, the failure) that the session's status is derived from. The check's failure is
 * already the plain ApiFailure of the resend policy, with its Retry-After deadline.
 */
export function createRequests(deps: RequestsDeps): Requests {
  const journey = new MutationObserver(deps.queryClient, journeyMutation(deps.client()));

  async function createJourney(signal: AbortSignal): Promise<string> {
    journey.setOptions(journeyMutation(deps.client()));
    const journeyId = await journey.mutate(signal);
    deps.onJourney(journeyId);
    return journeyId;
  }

  const send = ({ image, journeyId, owner, signal }: SubmitVariables): Promise<Verdict> =>
    sendCheck({ client: deps.client(), createJourney, owner }, image, journeyId, signal);

  async function smallerCopy(error: unknown, variables: SubmitVariables): Promise<boolean> {
    if (!deps.shrink || !isApiError(error) || !isTooLargeCode(error.code)) return false;
    const blob = await deps.shrink(variables.source, variables.image.size).catch(() => null);
    if (!blob || blob.size >= variables.image.size) return false;
    deps.onSmaller(blob);
    return true;
  }

  const check = new MutationObserver<Verdict, ApiFailure, CheckInput>(
    deps.queryClient,
    checkMutation(async (variables: CheckInput) => {
      try {
        return 'relayed' in variables ? await variables.relayed() : await send(variables);
      } catch (error) {
        const smaller = 'relayed' in variables ? false : await smallerCopy(error, variables);
        // The mutation's error is the plain, serialisable ApiFailure the host receives, not an Error.
        // eslint-disable-next-line @typescript-eslint/only-throw-error
        throw failureOf(error, { now: deps.now(), smallerCopy: smaller });
      }
    }),
  );

  return {
    journey,
    check,
    submit: (variables) => check.mutate(variables),
    relay: (read) => check.mutate({ relayed: read }),
    journeyFor: async (journeyId, signal) => journeyId ?? createJourney(signal),
    reset() {
      check.reset();
      journey.reset();
    },
  };
}
