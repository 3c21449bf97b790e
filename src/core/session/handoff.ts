import { readVerdict, type ClientOptions } from '../api/client.ts';
import type { Requests } from '../api/requests.ts';
import type { DesktopHandoff } from '../handoff/desktop.ts';
import type * as HandoffRuntime from '../handoff/runtime.ts';
import type { KeyStorage, PhoneHandoff } from '../handoff/phone.ts';
import { HANDOFF_HEADER, PHONE_JOURNEY_PLACEHOLDER, type HandoffAnswer } from '../handoff/types.ts';
import { clientOptions, type SessionOptions } from './options.ts';
import { LIVE_PHASES, move, type SessionStore } from './store.ts';

type Runtime = typeof HandoffRuntime;

/** What the handoff needs from the page; tests hand in their own. */
export interface HandoffEnvironment {
  /** The browser's EventSource; without it the desktop polls. */
  eventSource: typeof EventSource | undefined;
  /** The phone page's token, from the link's fragment, taken out of the address bar as it is read. */
  takeToken(): string | null;
  /** This tab's storage (sessionStorage), where the phone keeps its key across a reload. */
  storage: KeyStorage | null;
  /** Calls `listener` when the page goes away; returns the stop. */
  onPageHide(listener: () => void): () => void;
  /** How often the desktop polls without a stream, and the phone's heartbeat (tests shorten them). */
  pollMs?: number;
  heartbeatMs?: number;
}

export interface SessionHandoff {
  /** The desktop hands the step to a phone (a new code each time). */
  offer(): void;
  /** The desktop stops waiting for the phone (the person chose this device, or left). */
  withdraw(): void;
  /** The phone submits the typed code. */
  enterCode(code: string): void;
  /** Whether the phone may start its camera (it holds the handoff). */
  phoneReady(): boolean;
  /** The host's client options, plus the phone's key while it holds the handoff. */
  clientOptions(options: SessionOptions): ClientOptions;
  mount(): () => void;
}

export interface SessionHandoffDeps {
  store: SessionStore;
  options(): SessionOptions;
  requests: Requests;
  env: HandoffEnvironment;
  now(): number;
  /** The phone's key changed: the API client is made again with it. */
  onKey(): void;
  /** The desktop closed the handoff while the phone was in the flow: the phone leaves the step. */
  onClosed(): void;
}

/**
 * The session's part in a handoff, on either side. On the desktop the phone's final answer
 * becomes this widget's check (the same mutation, so the same state, callbacks and events); on
 * the phone the flow is the usual one, with uploads bound to the handoff by the phone's key.
 */
export function createSessionHandoff(deps: SessionHandoffDeps): SessionHandoff {
  const { store, requests } = deps;
  let phoneKey: string | null = null;
  let runtime: Promise<Runtime> | null = null;
  const load = (): Promise<Runtime> => (runtime ??= import('../handoff/runtime.ts'));
  const api = (made: Runtime) => () =>
    made.createHandoffClient({
      ...clientOptions(deps.options()),
      eventSource: deps.env.eventSource,
      ...(deps.env.pollMs ? { pollMs: deps.env.pollMs } : {}),
    });

  let desktop: DesktopHandoff | null = null;
  const desktopSide = (made: Runtime): DesktopHandoff =>
    (desktop ??= made.createDesktopHandoff({
      api: api(made),
      journey: (signal) => requests.journeyFor(store.getState().journeyId, signal),
      onView: (view) => store.setState({ handoff: view }),
      onAnswer: (answer) => {
        if (!move(store, 'captured', { capture: null, upload: null })) return;
        requests.relay(() => readVerdict(responseOf(answer))).catch(() => undefined);
      },
      now: deps.now,
    }));

  let phone: PhoneHandoff | null = null;
  const phoneSide = (made: Runtime): PhoneHandoff =>
    (phone ??= made.createPhoneHandoff({
      api: api(made),
      token: deps.env.takeToken(),
      storage: deps.env.storage,
      ...(deps.env.heartbeatMs ? { heartbeatMs: deps.env.heartbeatMs } : {}),
      onView: (view) => {
        store.setState({ phone: view });
        if (view.state === 'closed') deps.onClosed();
      },
      onKey: (key) => {
        phoneKey = key;
        // The server uses the journey bound to the handoff; this only fills the upload's field.
        store.setState({ journeyId: key ? PHONE_JOURNEY_PLACEHOLDER : null });
        deps.onKey();
      },
    }));

  // The phone page says it is connecting, not "Start camera", while its handoff code loads.
  if (deps.options().handoff === 'phone') store.setState({ phone: { state: 'claiming', error: null } });

  /** Each offer counts: a withdrawal while the code was loading leaves it unstarted. */
  let offers = 0;

  function phoneMount(): () => void {
    let gone = false;
    let stop: () => void = () => undefined;
    void load().then((made) => {
      if (gone) return;
      const side = phoneSide(made);
      side.begin();
      const stopHide = deps.env.onPageHide(() => side.leave());
      const stopProgress = store.subscribe((state, previous) => {
        if (LIVE_PHASES.has(state.phase) !== LIVE_PHASES.has(previous.phase))
          side.progress(LIVE_PHASES.has(state.phase) ? 'capturing' : 'connected');
      });
      const stopResult = requests.check.subscribe((result) => {
        // A retake is the phone's own business; a verdict that ends the step ends its part.
        if (result.status === 'success' && result.data.outcome !== 'retake') side.finished();
      });
      stop = () => {
        stopHide();
        stopProgress();
        stopResult();
        side.dispose();
      };
    });
    return () => {
      gone = true;
      stop();
    };
  }

  return {
    offer() {
      if (deps.options().handoff !== 'offer') return;
      const phase = store.getState().phase;
      // The screen answers at once; the handoff's code may still be on its way.
      if (
        phase !== 'handoff' &&
        !move(store, 'handoff', {
          failure: null,
          handoff: { state: 'creating', ticket: null, attempts: 0, error: null },
        })
      )
        return;
      const offer = ++offers;
      void load().then(
        (made) => {
          if (offer === offers && store.getState().phase === 'handoff') desktopSide(made).start();
        },
        () => {
          if (offer === offers && store.getState().phase === 'handoff')
            store.setState({ handoff: { state: 'failed', ticket: null, attempts: 0, error: 'HANDOFF_UNAVAILABLE' } });
        },
      );
    },
    withdraw() {
      offers += 1;
      desktop?.stop();
      store.setState({ handoff: null });
    },
    enterCode: (code) => phone?.enterCode(code),
    phoneReady: () => deps.options().handoff !== 'phone' || store.getState().phone?.state === 'connected',
    clientOptions(options) {
      const base = clientOptions(options);
      return phoneKey ? { ...base, headers: { ...base.headers, [HANDOFF_HEADER]: phoneKey } } : base;
    },
    mount() {
      if (deps.options().handoff === 'phone') return phoneMount();
      // A desktop page going away revokes its code (by keepalive): a QR code left on a shared
      // screen is not claimable for the rest of its lifetime.
      const stopHide = deps.env.onPageHide(() => {
        if (store.getState().phase === 'handoff') move(store, 'idle');
      });
      return () => {
        stopHide();
        offers += 1;
        desktop?.stop();
      };
    },
  };
}

function responseOf(answer: HandoffAnswer): Response {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (answer.retryAfter !== undefined) headers['Retry-After'] = answer.retryAfter;
  return new Response(JSON.stringify(answer.body), { status: answer.status, headers });
}

/** The browser's handoff environment, read lazily (a session is also created during a server render). */
export function browserHandoffEnvironment(): HandoffEnvironment {
  const hasWindow = typeof window !== 'undefined';
  return {
    eventSource: typeof EventSource === 'undefined' ? undefined : EventSource,
    takeToken() {
      if (!hasWindow) return null;
      const token = new URLSearchParams(window.location.hash.slice(1)).get('t');
      // Out of the address bar and the history: a shared screenshot or a back button cannot replay it.
      if (token)
        window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
      return token && /^[A-Za-z0-9_-]{16,128}$/.test(token) ? token : null;
    },
    get storage() {
      try {
        return hasWindow ? window.sessionStorage : null;
      } catch {
        return null;
      }
    },
    onPageHide(listener) {
      if (!hasWindow) return () => undefined;
      window.addEventListener('pagehide', listener);
      return () => window.removeEventListener('pagehide', listener);
    },
  };
}
