import type { IncomingHttpHeaders, ServerResponse } from 'node:http';

/**
 * Who may call the API from a browser. A page on this origin may; so may a client that is not a
 * browser page at all (curl, a server: no Origin, no Sec-Fetch-Site); so may a page on an origin
 * the host listed (OKAYLIVE_ALLOWED_ORIGINS), with CORS headers. Any other site's page is
 * refused, so a page elsewhere cannot make its visitors spend the host's journeys and quota.
 */
export type OriginVerdict =
  | { kind: 'not-a-page' }
  | { kind: 'same-origin' }
  | { kind: 'listed'; origin: string }
  | { kind: 'refused'; origin: string };

export const ORIGIN_NOT_ALLOWED = 'ORIGIN_NOT_ALLOWED';

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The host part of an origin, or null for `null` and anything that is not an origin. */
function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

export function judgeOrigin(headers: IncomingHttpHeaders, listed: ReadonlySet<string>): OriginVerdict {
  const origin = single(headers.origin);
  const site = single(headers['sec-fetch-site'])?.toLowerCase();
  if (origin !== undefined && listed.has(origin)) return { kind: 'listed', origin };
  // Sec-Fetch-Site is set by the browser alone (a page cannot forge it): believe it where sent.
  if (site === 'same-origin') return { kind: 'same-origin' };
  if (site === 'cross-site' || site === 'same-site') return { kind: 'refused', origin: origin ?? '(none)' };
  if (origin === undefined) return { kind: 'not-a-page' };
  // Browsers without Sec-Fetch-Site: the Origin's host against the Host the request was sent to.
  // The scheme is not compared: behind a TLS-terminating proxy this server sees plain http.
  const host = single(headers.host);
  if (host !== undefined && hostOf(origin) === host.toLowerCase()) return { kind: 'same-origin' };
  return { kind: 'refused', origin };
}

/** Headers a cross-origin page may read from our answers: the wait after a 429/503, and the id to quote. */
const EXPOSED = 'Retry-After, X-Request-Id';
/** Request header names a preflight may ask for: tokens, a few, short. */
const HEADER_LIST = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+(\s*,\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+){0,15}$/;
const PREFLIGHT_MAX_AGE_S = '600';

/** On every answer to a listed origin (errors too: the page must be able to read a 429). */
export function applyCorsHeaders(res: ServerResponse, origin: string): void {
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Expose-Headers', EXPOSED);
  res.setHeader('Vary', 'Origin');
}

export type Preflight = { ok: true; headers: Record<string, string> } | { ok: false };

/**
 * The answer to a CORS preflight: only a listed origin, only for the route's own method, and
 * only header names that are plain tokens. No credentials: the API uses no cookies.
 */
export function preflight(headers: IncomingHttpHeaders, listed: ReadonlySet<string>, method: string): Preflight {
  const origin = single(headers.origin);
  const requested = single(headers['access-control-request-method']);
  if (origin === undefined || !listed.has(origin) || requested !== method) return { ok: false };
  const askedHeaders = single(headers['access-control-request-headers'])?.trim();
  const out: Record<string, string> = {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': method,
    'Access-Control-Max-Age': PREFLIGHT_MAX_AGE_S,
    Vary: 'Origin, Access-Control-Request-Headers',
  };
  if (askedHeaders) {
    if (!HEADER_LIST.test(askedHeaders)) return { ok: false };
    out['Access-Control-Allow-Headers'] = askedHeaders;
  }
  return { ok: true, headers: out };
}

export function isPreflight(method: string | undefined, headers: IncomingHttpHeaders): boolean {
  return method === 'OPTIONS' && headers.origin !== undefined && headers['access-control-request-method'] !== undefined;
}
