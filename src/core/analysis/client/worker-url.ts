/**
 * Where the analysis worker is loaded from. The package resolves it with
 * `new URL('assets/worker-….js', import.meta.url)`, which a host's bundler may rewrite into an
 * address no page can start a worker from: Next.js emits `file:///_next/static/media/worker-….js`,
 * which Chromium refuses with a SecurityError. Such an address is caught before the Worker is
 * made; the copy `npx okaylive-assets` puts beside the models (same file name) is used instead,
 * or the host's own `workerUrl`.
 */

/** The worker's file as the package names it (`worker-<hash>.js`), whatever the bundler added after. */
const WORKER_FILE = /\/(worker-[A-Za-z0-9_-]+)(?:\.[A-Za-z0-9_-]+)*\.js$/;

export interface WorkerPlace {
  /** The address the bundled code resolved. */
  bundled: URL;
  /** The page's address. */
  page: string;
  /** The assets base URL, absolute. */
  assetsBaseUrl: string;
  /** The host's choice, if any (relative to the page). */
  workerUrl?: string | undefined;
}

/** A page can start a module worker only from its own origin over http(s) (or a blob:/data: URL). */
function startable(url: URL, page: URL): boolean {
  if (url.protocol === 'blob:' || url.protocol === 'data:') return true;
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === page.origin;
}

/** The address to start the worker from; throws (the caller reports NO_WORKER) when there is none. */
export function workerAddress({ bundled, page, assetsBaseUrl, workerUrl }: WorkerPlace): URL {
  const pageUrl = new URL(page);
  if (workerUrl !== undefined && workerUrl !== '') return new URL(workerUrl, pageUrl);
  if (startable(bundled, pageUrl)) return bundled;
  const file = WORKER_FILE.exec(bundled.pathname)?.[1];
  const copy = file ? new URL(`${file}.js`, new URL(assetsBaseUrl, pageUrl)) : null;
  if (copy && startable(copy, pageUrl)) return copy;
  throw new Error(
    `the analysis worker resolved to ${bundled.href}, which this page cannot start a worker from: pass workerUrl (attribute worker-url) with the worker \`npx okaylive-assets\` copies beside the models`,
  );
}
