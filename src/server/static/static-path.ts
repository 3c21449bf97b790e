import { posix } from 'node:path';

/** Percent-decoding rounds before a path is judged; a path still changing after them is refused. */
const DECODE_ROUNDS = 3;

export interface StaticPath {
  /** The one spelling every policy judges and the file server is handed. */
  pathname: string;
  /** The query, kept for the file server (it ignores it), `?` included; empty when there is none. */
  search: string;
}

function decodeOnce(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

/** Backslashes read as slashes (as some servers and proxies read them), dot segments resolved, no doubled or trailing slashes. */
function canonical(decoded: string): string {
  const resolved = posix.normalize(`/${decoded.replace(/\\/g, '/')}`);
  return resolved.length > 1 ? resolved.replace(/\/+$/, '') : resolved;
}

/**
 * A request target as the file server will read it, in one canonical spelling: query and
 * fragment cut off, percent escapes decoded (`%2e`, `%2F`, `%5C` included), backslashes as
 * slashes, dot segments resolved, doubled and trailing slashes dropped. Policies judge this
 * spelling and the file server is handed this spelling, so no escape or suffix the file server
 * would drop can slip a withheld name past a policy. Null when the path cannot be read
 * (a malformed escape, a NUL, an escape still decoding after several rounds): never served.
 */
export function normaliseStaticPath(url: string): StaticPath | null {
  const cut = url.search(/[?#]/);
  const raw = cut === -1 ? url : url.slice(0, cut);
  const query = cut !== -1 && url[cut] === '?' ? url.slice(cut).split('#')[0] : '';
  let path = raw;
  for (let round = 0; ; round += 1) {
    const decoded = decodeOnce(path);
    if (decoded === null) return null;
    if (decoded === path) break;
    if (round === DECODE_ROUNDS) return null;
    path = decoded;
  }
  if (path.includes('\0')) return null;
  return { pathname: canonical(path), search: query ?? '' };
}

/** The canonical path as a request target again, escaped so the file server decodes it back to itself. */
export function toRequestTarget(path: StaticPath): string {
  // encodeURI leaves `?` and `#` alone: unescaped, the file server would cut the path at them.
  const escaped = encodeURI(path.pathname).replace(/[?#]/g, (c) => (c === '?' ? '%3F' : '%23'));
  return `${escaped}${path.search}`;
}
