/**
 * `npm run build:server-package`: the backend half as its own npm package, in
 * dist-server-package/ with its own generated package.json (server-package-manifest.ts):
 *
 *   lib/     ESM for Node 20: index.js (the API, its Node and Fetch faces), next.js (route
 *            handlers), reference.js (the reference engine) and reference-worker.js (its thread);
 *            every dependency stays an import
 *   types/   declarations
 *   README.md, LICENSE
 */
import { execFileSync } from 'node:child_process';
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { build } from 'vite';
import { rewriteDeclarationSpecifiers } from './declarations.ts';
import { nodeBuild, ROOT } from './package-build.ts';
import type { RootManifest } from './package-manifest.ts';
import { serverManifest } from './server-package-manifest.ts';

export const SERVER_PACKAGE_DIR = join(ROOT, 'dist-server-package');

const INPUTS = {
  index: 'src/server/package/index.ts',
  next: 'src/server/package/next.ts',
  reference: 'src/server/package/reference.ts',
  'reference-worker': 'src/server/reference/worker.ts',
};

/** Bare specifiers (packages, node: builtins) stay imports; only this repository's files are bundled. */
const external = (id: string): boolean =>
  isBuiltin(id) || !(id.startsWith('.') || id.startsWith('/') || id.startsWith('\0'));

async function main(): Promise<void> {
  await rm(SERVER_PACKAGE_DIR, { recursive: true, force: true });
  const started = Date.now();
  await build(
    nodeBuild(join(SERVER_PACKAGE_DIR, 'lib'), {
      ssr: true,
      rollupOptions: {
        input: Object.fromEntries(Object.entries(INPUTS).map(([name, file]) => [name, join(ROOT, file)])),
        external,
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    }),
  );
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'src/tooling/tsconfig.server-package.json')],
    {
      stdio: 'inherit',
    },
  );
  await rewriteDeclarationSpecifiers(join(SERVER_PACKAGE_DIR, 'types'));
  const root = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as RootManifest;
  await writeFile(join(SERVER_PACKAGE_DIR, 'package.json'), `${JSON.stringify(serverManifest(root), null, 2)}\n`);
  await copyFile(join(ROOT, 'src/server/package/README.md'), join(SERVER_PACKAGE_DIR, 'README.md'));
  await copyFile(join(ROOT, 'LICENSE'), join(SERVER_PACKAGE_DIR, 'LICENSE'));
  console.log(`server package built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${SERVER_PACKAGE_DIR}`);
}

await main();
