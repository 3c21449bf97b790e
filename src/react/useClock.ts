import { useEffect, useState } from 'react';

/** Whole seconds left until `deadline` (epoch ms), ticking; 0 once it has passed or when there is none. */
export function useSecondsUntil(deadline: number | undefined): number {
  const left = () => (deadline === undefined ? 0 : Math.max(0, Math.ceil((deadline - Date.now()) / 1000)));
  const [seconds, setSeconds] = useState(left);
  useEffect(() => {
    setSeconds(left());
    if (deadline === undefined || deadline <= Date.now()) return undefined;
    const timer = setInterval(() => {
      const next = left();
      setSeconds(next);
      if (next === 0) clearInterval(timer);
    }, 250);
    return () => clearInterval(timer);
    // `left` reads only `deadline`.
  }, [deadline]);
  return seconds;
}

/** Whole seconds since this hook's component mounted (or `key` changed), ticking. */
export function useSecondsSince(key: unknown): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const start = Date.now();
    setSeconds(0);
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - start) / 1000)), 250);
    return () => clearInterval(timer);
  }, [key]);
  return seconds;
}

/** `navigator.onLine`, kept current by the online/offline events. */
export function useOnline(): boolean {
  const read = () => typeof navigator === 'undefined' || navigator.onLine !== false;
  const [online, setOnline] = useState(read);
  useEffect(() => {
    const update = () => setOnline(read());
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    update();
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}
