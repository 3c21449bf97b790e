import { useEffect, useMemo, useState } from 'react';

/** The time now, refreshed every `everyMs`. */
function useNow(everyMs = 250): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** Whole seconds since this hook's component mounted (or `key` changed), ticking. */
export function useSecondsSince(key: unknown): number {
  // A fresh start for each key; read once per key, never re-read on a plain re-render.
  // eslint-disable-next-line react-hooks/exhaustive-deps, react-hooks/purity
  const start = useMemo(() => Date.now(), [key]);
  const now = useNow();
  return Math.max(0, Math.floor((now - start) / 1000));
}
