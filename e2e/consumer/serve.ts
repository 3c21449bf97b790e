/**
 * The consumer app's two servers: the app's own Vite dev server, and `vite preview` over its
 * build. Both come from the consumer's node_modules, with the consumer's vite.config.ts (the
 * guide's, which mounts okaylive-capture-server's API at /api/ekyc), so the app runs as its
 * developer would run it: nothing of this repository is added.
 *
 *   npx tsx e2e/consumer/serve.ts <app-folder> <dev-port> <preview-port>
 *
 * Prints one line `ready <dev-url> <preview-url>` once both listen and answer the API (which
 * starts loading the models); stops on SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as ViteModule from 'vite';

type Vite = typeof ViteModule;

/** The consumer's own Vite (ESM only: its package.json `exports` names the file). */
async function consumerVite(app: string): Promise<Vite> {
  const dir = join(app, 'node_modules', 'vite');
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
  const main = manifest.exports['.'];
  const file =
    typeof main === 'string'
      ? main
      : typeof main === 'object' && main !== null && 'import' in main
        ? main.import
        : null;
  if (typeof file !== 'string') throw new Error(`cannot find the entry of ${dir}`);
  const vite = (await import(pathToFileURL(join(dir, file)).href)) as Vite;
  if (typeof vite.createServer !== 'function' || typeof vite.preview !== 'function')
    throw new Error(`${dir} is not Vite`);
  return vite;
}

const [app, devPort, previewPort] = process.argv.slice(2);
if (!app || !devPort || !previewPort) throw new Error('usage: serve.ts <app-folder> <dev-port> <preview-port>');

const vite = await consumerVite(app);
const common = { root: app, logLevel: 'warn' as const };
const dev = await vite.createServer({
  ...common,
  server: { port: Number(devPort), strictPort: true, host: 'localhost' },
});
await dev.listen();
const built = await vite.preview({
  ...common,
  preview: { port: Number(previewPort), strictPort: true, host: 'localhost' },
});
// The guide's API answers on both: its first call starts the reference engine's models.
for (const port of [devPort, previewPort]) {
  const engine = await fetch(`http://localhost:${port}/api/ekyc/engine`);
  if (!engine.ok) throw new Error(`no API on port ${port}: ${engine.status}`);
}
console.log(`ready http://localhost:${devPort} http://localhost:${previewPort}`);

process.once('SIGTERM', () => {
  void Promise.allSettled([dev.close(), built.close()]).then(() => process.exit(0));
});
