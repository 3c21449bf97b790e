import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';

/** The time now, refreshed every `everyMs` while `running`. */
function useNow(running: boolean, everyMs = 250): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!running) return undefined;
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [running, everyMs]);
  return now;
}

/** Whole seconds left until `deadline` (epoch ms), ticking; 0 once it has passed or when there is none. */
export function useSecondsUntil(deadline: number | undefined): number {
  const now = useNow(deadline !== undefined);
  const [start] = useState(Date.now);
  // The first render after a new deadline uses the newer of the two clocks.
  const current = Math.max(now, start);
  return deadline === undefined ? 0 : Math.max(0, Math.ceil((deadline - current) / 1000));
}

/** Whole seconds since this hook's component mounted (or `key` changed), ticking. */
export function useSecondsSince(key: unknown): number {
  // A fresh start for each key; read once per key, never re-read on a plain re-render.
  // eslint-disable-next-line react-hooks/exhaustive-deps, react-hooks/purity
  const start = useMemo(() => Date.now(), [key]);
  const now = useNow(true);
  return Math.max(0, Math.floor((now - start) / 1000));
}

function subscribeOnline(onChange: () => void): () => void {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

const readOnline = (): boolean => typeof navigator === 'undefined' || navigator.onLine !== false;

/** `navigator.onLine`, kept current by the online/offline events. */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, readOnline, () => true);
}
