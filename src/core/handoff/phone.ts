import type { PhoneHandoffApi } from './client.ts';
import { HandoffError, type HandoffErrorCode, type PhoneProgress } from './types.ts';

/**
 * The phone's side, as its screens need it:
 *  - code: no token in the link; the person types the code the desktop shows (`error` says why a code failed)
 *  - claiming: the token or code is being checked
 *  - connected: this phone holds the handoff; the selfie flow runs as usual
 *  - done: the step ended with a verdict; the person goes back to the computer
 *  - closed: the desktop cancelled, the handoff expired, or another phone has it (`error`)
 */
export interface PhoneHandoffView {
  state: 'code' | 'claiming' | 'connected' | 'done' | 'closed';
  error: HandoffErrorCode | null;
}

export interface KeyStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface PhoneHandoffDeps {
  api(): PhoneHandoffApi;
  /** The token from the link (read once, then taken out of the address bar), or null. */
  token: string | null;
  /** This tab's storage: a reload keeps the phone's key, so the same phone carries on. */
  storage: KeyStorage | null;
  onView(view: PhoneHandoffView): void;
  onKey(phone: string | null): void;
  heartbeatMs?: number;
}

export interface PhoneHandoff {
  begin(): void;
  enterCode(code: string): void;
  progress(state: Exclude<PhoneProgress, 'left'>): void;
  finished(): void;
  /** The page goes away (pagehide): the desktop is told at once. */
  leave(): void;
  /** The widget goes away: heartbeats stop, and the server notices within its grace period. */
  dispose(): void;
}

const KEY = 'okaylive-handoff-phone';
const HEARTBEAT_MS = 3_000;
/** Answers that end the phone's part. */
const CLOSING: ReadonlySet<string> = new Set(['cancelled', 'expired', 'phone_left']);

export function createPhoneHandoff(deps: PhoneHandoffDeps): PhoneHandoff {
  let phone: string | null = null;
  let progress: Exclude<PhoneProgress, 'left'> = 'connected';
  let timer: ReturnType<typeof setInterval> | undefined;
  let state: PhoneHandoffView['state'] = 'claiming';
  let begun = false;

  const show = (next: PhoneHandoffView['state'], error: HandoffErrorCode | null = null) => {
    state = next;
    deps.onView({ state: next, error });
  };

  function stopBeating(): void {
    clearInterval(timer);
    timer = undefined;
  }

  function close(error: HandoffErrorCode): void {
    stopBeating();
    phone = null;
    deps.storage?.removeItem(KEY);
    deps.onKey(null);
    show('closed', error);
  }

  async function beat(): Promise<void> {
    if (!phone) return;
    try {
      const answer = await deps.api().beat(phone, progress);
      // Done: this phone's verdict ended the step (its own answer may still be on its way).
      if (state === 'connected' && answer === 'done') finish();
      else if (state === 'connected' && CLOSING.has(answer))
        close(answer === 'expired' ? 'HANDOFF_NOT_FOUND' : 'HANDOFF_CLOSED');
    } catch (error) {
      // A missed heartbeat is tried again; an unknown key means the handoff is gone.
      if (error instanceof HandoffError && error.code === 'HANDOFF_NOT_FOUND' && state === 'connected')
        close('HANDOFF_CLOSED');
    }
  }

  function finish(): void {
    if (state === 'done') return;
    stopBeating();
    deps.storage?.removeItem(KEY);
    show('done');
  }

  function beating(): void {
    void beat();
    timer ??= setInterval(() => void beat(), deps.heartbeatMs ?? HEARTBEAT_MS);
  }

  function connected(key: string): void {
    phone = key;
    deps.storage?.setItem(KEY, key);
    deps.onKey(key);
    show('connected');
    beating();
  }

  async function claim(secret: { token: string } | { code: string }): Promise<void> {
    show('claiming');
    try {
      connected((await deps.api().claim(secret)).phone);
    } catch (error) {
      const code = error instanceof HandoffError ? error.code : 'HANDOFF_UNAVAILABLE';
      // A code can be typed again; a link that failed leaves the code to type.
      if (
        'code' in secret ||
        code === 'HANDOFF_NOT_FOUND' ||
        code === 'RATE_LIMITED' ||
        code === 'HANDOFF_UNAVAILABLE' ||
        code === 'OFFLINE'
      )
        show('code', code);
      else show('closed', code);
    }
  }

  return {
    begin() {
      // Mounted again (React's strict mode, a host remounting): the same claim carries on.
      if (begun) return void (phone && state === 'connected' && beating());
      begun = true;
      const kept = deps.storage?.getItem(KEY) ?? null;
      if (deps.token) void claim({ token: deps.token });
      else if (kept) connected(kept);
      else show('code');
    },
    enterCode(code) {
      if (state === 'code') void claim({ code });
    },
    progress(next) {
      if (next === progress) return;
      progress = next;
      void beat();
    },
    finished: finish,
    leave() {
      stopBeating();
      if (phone && state === 'connected') deps.api().leave(phone);
    },
    // Not a leave: a remount (React's strict mode does one) carries on with the same key.
    dispose: stopBeating,
  };
}
