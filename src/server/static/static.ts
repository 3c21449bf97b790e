import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import sirv from 'sirv';
import { normaliseStaticPath, toRequestTarget } from './static-path.ts';
import { acceptedEncodings, cacheControlFor, isWithheld, mayBeCompressed } from './static-policy.ts';

export { cacheControlFor, HASHED_PREFIX, IMMUTABLE } from './static-policy.ts';

export type StaticHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * The built demo (and any other pages in the build) from `dir`, read once at start. A `.br` or
 * `.gz` sibling written at build time is sent in place of a text or WASM file when the client
 * accepts it, with the original's Content-Type and the sibling's length.
 */
export function createStaticHandler(dir: string): StaticHandler {
  const root = resolve(dir);
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`no built pages in ${root}: run \`npm run build\` first (or set OKAYLIVE_STATIC_DIR)`);
  }
  const options = { etag: true, dotfiles: false, extensions: ['html'] };
  const compressed = sirv(root, { ...options, brotli: true, gzip: true });
  const plain = sirv(root, options);
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    // Judged and served in one spelling: the file server must never read a path the policy did not see.
    const target = normaliseStaticPath(req.url ?? '/');
    if (target === null || isWithheld(target.pathname)) return next();
    const { pathname } = target;
    req.url = toRequestTarget(target);
    // Set before sirv runs so that its 304 answers carry them too; taken back if nothing is found.
    res.setHeader('Cache-Control', cacheControlFor(pathname));
    const notFound = (): void => {
      res.removeHeader('Cache-Control');
      res.removeHeader('Vary');
      next();
    };
    if (!mayBeCompressed(pathname)) return plain(req, res, notFound);
    // sirv's own test of the header would take "br;q=0" for a yes.
    const accepted = acceptedEncodings(req.headers['accept-encoding']);
    req.headers['accept-encoding'] = [accepted.br ? 'br' : '', accepted.gzip ? 'gzip' : ''].filter(Boolean).join(', ');
    res.setHeader('Vary', 'Accept-Encoding');
    compressed(req, res, notFound);
  };
}
