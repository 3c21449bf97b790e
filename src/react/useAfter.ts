import { useEffect, useMemo, useState } from 'react';

/** True once `active` has held for `ms` without a break; false again as soon as it stops. */
export function useAfter(active: boolean, ms: number): boolean {
  // A new token for each stretch of `active`: a timer from an earlier stretch can never count.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const stretch = useMemo(() => ({}), [active, ms]);
  const [elapsed, setElapsed] = useState<object | null>(null);
  useEffect(() => {
    if (!active) return undefined;
    const timer = setTimeout(() => setElapsed(stretch), ms);
    return () => clearTimeout(timer);
  }, [active, ms, stretch]);
  return active && elapsed === stretch;
}
