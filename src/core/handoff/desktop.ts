import type { DesktopHandoffApi } from './client.ts';
import {
  ENDED_STATES,
  HandoffError,
  type HandoffAnswer,
  type HandoffErrorCode,
  type HandoffState,
  type HandoffTicket,
} from './types.ts';

/** The desktop's view of its handoff: what the handoff screen renders. */
export interface DesktopHandoffView {
  /** `creating` until the server answers; `failed` when it could not (see `error`). */
  state: HandoffState | 'creating' | 'failed';
  ticket: HandoffTicket | null;
  /** Selfies the phone sent that asked for another one (retakes on the phone). */
  attempts: number;
  error: HandoffErrorCode | null;
}

export interface DesktopHandoffDeps {
  api(): DesktopHandoffApi;
  /** The journeyId to bind (the host's, or one the widget creates). */
  journey(signal: AbortSignal): Promise<string>;
  onView(view: DesktopHandoffView | null): void;
  /** The answer that ended the step on the phone: the desktop reads it as its own upload's. */
  onAnswer(answer: HandoffAnswer): void;
  now(): number;
}

export interface DesktopHandoff {
  /** Creates a handoff (revoking the one before, if any) and follows it. */
  start(): void;
  /** Revokes the handoff and forgets it (the person went back to this device, or left). */
  stop(): void;
}

/**
 * One handoff at a time for one widget: creates it, follows the phone's progress until the
 * step ends, and revokes it whenever the desktop stops waiting for it.
 */
export function createDesktopHandoff(deps: DesktopHandoffDeps): DesktopHandoff {
  let run: {
    abort: AbortController;
    unwatch: () => void;
    ticket: HandoffTicket | null;
    ended: boolean;
    expiry?: ReturnType<typeof setTimeout>;
  } | null = null;
  let view: DesktopHandoffView | null = null;

  const show = (next: DesktopHandoffView | null) => {
    view = next;
    deps.onView(next);
  };

  function end(current: NonNullable<typeof run>): void {
    current.ended = true;
    current.unwatch();
    clearTimeout(current.expiry);
  }

  function stop(): void {
    const current = run;
    run = null;
    if (!current) return;
    current.abort.abort();
    // Whatever it said last (a phone gone quiet may come back): nothing more may land on it.
    if (current.ticket && view?.state !== 'done') void deps.api().cancel(current.ticket.handoff);
    end(current);
    show(null);
  }

  async function start(): Promise<void> {
    stop();
    const current: NonNullable<typeof run> = {
      abort: new AbortController(),
      unwatch: () => undefined,
      ticket: null,
      ended: false,
    };
    run = current;
    show({ state: 'creating', ticket: null, attempts: 0, error: null });
    try {
      const journeyId = await deps.journey(current.abort.signal);
      const ticket = await deps.api().create(journeyId, current.abort.signal);
      if (run !== current) return void deps.api().cancel(ticket.handoff);
      current.ticket = ticket;
      show({ state: 'waiting', ticket, attempts: 0, error: null });
      // The server says `expired` too; this keeps the screen right if the stream is quiet.
      current.expiry = setTimeout(
        () => {
          if (view?.state === 'waiting') onState('expired', 0);
        },
        Math.max(0, ticket.expiresAt - deps.now()),
      );
      current.unwatch = deps.api().watch(
        ticket.handoff,
        (event) => onState(event.state, event.attempts, event.answer),
        () => onState('expired', view?.attempts ?? 0),
      );
    } catch (error) {
      if (run !== current || current.abort.signal.aborted) return;
      current.ended = true;
      show({
        state: 'failed',
        ticket: null,
        attempts: 0,
        error: error instanceof HandoffError ? error.code : 'HANDOFF_UNAVAILABLE',
      });
    }

    function onState(state: HandoffState, attempts: number, answer?: HandoffAnswer): void {
      if (run !== current || current.ended) return;
      if (ENDED_STATES.has(state)) end(current);
      show({ state, ticket: current.ticket, attempts, error: null });
      if (state === 'done' && answer) deps.onAnswer(answer);
    }
  }

  return {
    start: () => void start(),
    stop,
  };
}
