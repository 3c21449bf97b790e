import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import sirv from 'sirv';

/** Vite puts content-hashed files here: a changed file gets a new name, so they never go stale. */
export const HASHED_PREFIX = '/assets/';
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Where each response may be cached: hashed build output for a year; everything else (pages,
 * the analysis models and WASM under fixed names) revalidated with its ETag on every use, so a
 * new deploy is picked up at once and an unchanged model costs a 304.
 */
export function cacheControlFor(pathname: string): string {
  return pathname.startsWith(HASHED_PREFIX) ? IMMUTABLE : 'no-cache';
}

export type StaticHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** The built demo (and any other pages in the build) from `dir`, read once at start. */
export function createStaticHandler(dir: string): StaticHandler {
  const root = resolve(dir);
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`no built pages in ${root}: run \`npm run build\` first (or set OKAYLIVE_STATIC_DIR)`);
  }
  const serve = sirv(root, {
    etag: true,
    dotfiles: false,
    extensions: ['html'],
    setHeaders: (res, pathname) => res.setHeader('Cache-Control', cacheControlFor(pathname)),
  });
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    serve(req, res, next);
  };
}
