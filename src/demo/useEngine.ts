import { useEffect, useState } from 'react';

export type Engine = 'reference' | 'okaylive' | 'unknown';

/** Which engine our server is talking to. It says which, never where. */
export function useEngine(apiBaseUrl: string): Engine {
  const [engine, setEngine] = useState<Engine>('unknown');
  useEffect(() => {
    const controller = new AbortController();
    fetch(`${apiBaseUrl}/engine`, { signal: controller.signal })
      .then((r) => (r.ok ? r.json() : null))
      .then((body: unknown) => {
        const value = typeof body === 'object' && body !== null && 'engine' in body ? body.engine : null;
        if (value === 'reference' || value === 'okaylive') setEngine(value);
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, [apiBaseUrl]);
  return engine;
}
