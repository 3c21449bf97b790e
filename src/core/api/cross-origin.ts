/**
 * Tells a refused cross-origin request from a dropped connection. A browser never says why a
 * fetch failed, so a backend on another origin that does not allow the page's origin (CORS)
 * looks exactly like a network outage, and a host's support cannot tell one from the other.
 * When the API is on another origin, the browser is online and the request failed before any
 * response, one more request asks only whether anything answers there: in `no-cors` mode the
 * browser hands back an opaque response whenever the server answered at all. An answer means
 * the server is reachable and the browser kept its reply from the page.
 */
import type { FetchLike } from './client.ts';

/** How long the question may take: a dead link must not hold the person's error screen. */
export const PROBE_TIMEOUT_MS = 3000;

/** The page's own origin, where there is a page. */
export function pageOrigin(): string | undefined {
  const location = (globalThis as { location?: { origin?: unknown } }).location;
  return typeof location?.origin === 'string' && location.origin !== 'null' ? location.origin : undefined;
}

/** True when `url` is absolute and on another origin than the page's; relative URLs never are. */
export function isCrossOrigin(url: string, origin: string | undefined): boolean {
  if (!origin) return false;
  try {
    return new URL(url, origin).origin !== origin;
  } catch {
    return false;
  }
}

/** True when something at `url` answers a request the page may not read (an opaque response). */
export async function answersOpaquely(fetch: FetchLike, url: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  try {
    // HEAD: nothing is created or billed, whatever the route does with a POST.
    const response = await fetch(url, {
      method: 'HEAD',
      mode: 'no-cors',
      credentials: 'omit',
      cache: 'no-store',
      signal: timeout.signal,
    });
    return response.type === 'opaque' || response.status > 0;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
