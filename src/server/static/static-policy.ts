/**
 * What the production server's static files get, decided from the path alone: how long they
 * may be cached, whether a precompressed sibling may stand in for them, and which paths are
 * never served.
 */

/** Vite puts content-hashed files here: a changed file gets a new name, so they never go stale. */
export const HASHED_PREFIX = '/assets/';
export const ANALYSIS_PREFIX = '/okaylive-assets/';
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/** `<name>.<hash>.<ext>`, the hash 8 to 16 lowercase hex characters: the analysis assets' naming. */
const HASHED_NAME = /\/[^/]+\.[0-9a-f]{8,16}\.[A-Za-z0-9]+$/;

/**
 * Hashed build output and hashed analysis assets for a year: a new build gives a changed file a
 * new name. Everything else (pages, fixed-name models and WASM) is revalidated with its ETag on
 * every use, so a new deploy is picked up at once and an unchanged file costs a 304.
 */
export function cacheControlFor(pathname: string): string {
  if (pathname.startsWith(HASHED_PREFIX)) return IMMUTABLE;
  if (pathname.startsWith(ANALYSIS_PREFIX) && HASHED_NAME.test(pathname)) return IMMUTABLE;
  return REVALIDATE;
}

/** Text and WASM shrink well; images and model weights are left as they are. */
const COMPRESSIBLE = /\.(?:js|mjs|css|json|html|svg|wasm)$/i;
/** Pages are asked for by name, without `.html`. */
const NO_EXTENSION = /\/[^/.]*$/;

export function mayBeCompressed(pathname: string): boolean {
  return COMPRESSIBLE.test(pathname) || NO_EXTENSION.test(pathname);
}

/**
 * Never served: source maps (they publish the source) and the precompressed siblings by their
 * own names (they are sent in place of the file they compress, with Content-Encoding).
 */
export function isWithheld(pathname: string): boolean {
  let decoded = pathname;
  try {
    decoded = decodeURI(pathname);
  } catch {
    // A malformed escape is judged as written; the file server finds nothing by it either.
  }
  return /\.(?:map|br|gz)$/i.test(decoded);
}

export interface Accepted {
  br: boolean;
  gzip: boolean;
}

/** Reads Accept-Encoding as RFC 9110 defines it: q=0 refuses a coding, `*` stands for the unnamed ones. */
export function acceptedEncodings(header: string | undefined): Accepted {
  const weights = new Map<string, number>();
  for (const item of (header ?? '').split(',')) {
    const [name = '', ...params] = item.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    weights.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const accepts = (coding: string): boolean => (weights.get(coding) ?? weights.get('*') ?? 0) > 0;
  return { br: accepts('br'), gzip: accepts('gzip') };
}
