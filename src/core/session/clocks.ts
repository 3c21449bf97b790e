import { browserOnline } from '../api/client.ts';
import type { Phase, SessionStore } from './store.ts';

/**
 * A permission prompt left unanswered keeps getUserMedia pending with no error: after this
 * long the snapshot says so (`permissionWaitOver`) and the status line tells the person what
 * the browser is waiting for.
 */
export const PERMISSION_WAIT_MS = 6000;

/** Whether the device is online, and a way to hear when that changes. */
export interface Connectivity {
  online(): boolean;
  subscribe(onChange: () => void): () => void;
}

export function browserConnectivity(): Connectivity {
  return {
    online: browserOnline,
    subscribe(onChange) {
      if (typeof window === 'undefined') return () => undefined;
      window.addEventListener('online', onChange);
      window.addEventListener('offline', onChange);
      return () => {
        window.removeEventListener('online', onChange);
        window.removeEventListener('offline', onChange);
      };
    },
  };
}

/** Whole seconds until `deadline` (epoch ms); 0 once it has passed or when there is none. */
export function secondsUntil(deadline: number | undefined, now: number): number {
  return deadline === undefined ? 0 : Math.max(0, Math.ceil((deadline - now) / 1000));
}

export interface SessionClocksDeps {
  store: SessionStore;
  now(): number;
  /** The Retry-After deadline the snapshot counts down to, if one is ahead. */
  resendAt(): number | undefined;
  /** The snapshot reads the clock: derive it again. */
  recompute(): void;
}

export interface SessionClocks {
  /** Starts or ends the permission wait as the phase enters or leaves `camera_starting`. */
  phaseChanged(from: Phase, to: Phase): void;
  /** Keeps a countdown ticking, once per whole second, while a resend deadline is ahead. */
  follow(): void;
  /** Clears both timers (unmount); the clocks work again on the next change. */
  stop(): void;
}

/**
 * The time-driven parts of the snapshot, so views render fields instead of running timers:
 * the session decides when the wait for a permission answer is long, and what the resend
 * countdown reads.
 */
export function createSessionClocks({ store, now, resendAt, recompute }: SessionClocksDeps): SessionClocks {
  let wait: ReturnType<typeof setTimeout> | null = null;
  let tick: ReturnType<typeof setTimeout> | null = null;

  const clearWait = () => {
    if (wait) clearTimeout(wait);
    wait = null;
  };
  const clearTick = () => {
    if (tick) clearTimeout(tick);
    tick = null;
  };

  return {
    phaseChanged(from, to) {
      if (to === 'camera_starting') {
        // A new stretch of waiting: a timer from an earlier one can never count.
        clearWait();
        if (store.getState().permissionWaitOver) store.setState({ permissionWaitOver: false });
        wait = setTimeout(() => store.setState({ permissionWaitOver: true }), PERMISSION_WAIT_MS);
      } else if (from === 'camera_starting') {
        clearWait();
        if (store.getState().permissionWaitOver) store.setState({ permissionWaitOver: false });
      }
    },
    follow() {
      const deadline = resendAt();
      const left = deadline === undefined ? 0 : deadline - now();
      if (left <= 0) return clearTick();
      if (tick) return;
      // Wake when the whole-second figure next changes.
      tick = setTimeout(
        () => {
          tick = null;
          recompute();
        },
        ((left - 1) % 1000) + 1,
      );
    },
    stop() {
      clearWait();
      clearTick();
    },
  };
}
