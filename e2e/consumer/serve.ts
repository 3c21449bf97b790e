/**
 * The consumer app's two servers, each with this repository's API at /api/ekyc (the reference
 * engine; "your backend" in the embedding guide): the app's own Vite dev server, and
 * `vite preview` over its build. Both come from the consumer's node_modules, with the
 * consumer's vite.config.ts, so the app runs as its developer would run it; the API is the only
 * thing added (a plugin, as a host's backend proxy would be).
 *
 *   npx tsx e2e/consumer/serve.ts <app-folder> <dev-port> <preview-port>
 *
 * Prints one line `ready <dev-url> <preview-url>` once both listen and the models are loaded;
 * stops on SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as ViteModule from 'vite';
import type { Plugin } from 'vite';
import { readConfig } from '../../src/server/config.ts';
import { createEkycMiddleware } from '../../src/server/handler.ts';

type Vite = typeof ViteModule;

/** The consumer's own Vite (ESM only: its package.json `exports` names the file). */
async function consumerVite(app: string): Promise<Vite> {
  const dir = join(app, 'node_modules', 'vite');
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
  const main = manifest.exports['.'];
  const file = typeof main === 'string' ? main : typeof main === 'object' && main !== null && 'import' in main ? main.import : null;
  if (typeof file !== 'string') throw new Error(`cannot find the entry of ${dir}`);
  const vite = (await import(pathToFileURL(join(dir, file)).href)) as Vite;
  if (typeof vite.createServer !== 'function' || typeof vite.preview !== 'function') throw new Error(`${dir} is not Vite`);
  return vite;
}

const [app, devPort, previewPort] = process.argv.slice(2);
if (!app || !devPort || !previewPort) throw new Error('usage: serve.ts <app-folder> <dev-port> <preview-port>');

// One analysis thread: the machine's cores are shared with the browser and the other servers.
const api = createEkycMiddleware(readConfig({ ...process.env, OKAYLIVE_ANALYSIS_THREADS: '1', OKAYLIVE_LOG: 'off' }));
const withApi: Plugin = {
  name: 'consumer-test-api',
  configureServer: (server) => void server.middlewares.use(api),
  configurePreviewServer: (server) => void server.middlewares.use(api),
};

const vite = await consumerVite(app);
const common = { root: app, logLevel: 'warn' as const, plugins: [withApi] };
const dev = await vite.createServer({ ...common, server: { port: Number(devPort), strictPort: true, host: 'localhost' } });
await dev.listen();
const built = await vite.preview({ ...common, preview: { port: Number(previewPort), strictPort: true, host: 'localhost' } });
await api.ready;
console.log(`ready http://localhost:${devPort} http://localhost:${previewPort}`);

process.once('SIGTERM', () => {
  void Promise.allSettled([dev.close(), built.close(), api.close()]).then(() => process.exit(0));
});
