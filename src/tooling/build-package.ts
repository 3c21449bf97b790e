/**
 * `npm run build:package`: the npm package, as its own folder dist-package/ with its own
 * generated package.json (package-manifest.ts), ready for `npm pack` / `npm publish` there.
 * The repository's package.json stays the private app (the app's `vite build` owns dist/).
 *
 *   package.json    name, version, exports, bin, files, peers and dependencies of the library only
 *   lib/            ESM for bundlers (React, react-query, zustand, react-webcam external) + style.css;
 *                   the React entries start with 'use client', with React-free `react-server` stand-ins
 *   types/          declarations
 *   standalone/     okaylive-capture.js: one script tag, React inside; its worker under assets/
 *   okaylive-assets/  models and WASM under hashed names, and a copy of lib's worker, for `npx okaylive-assets [--standalone <folder>]`
 *   bin/            the copy helper for both (it makes the .br/.gz siblings as it copies)
 *   README.md, LICENSE, CHANGELOG.md
 * No source maps: the worker's alone is 8 MB.
 */
import { execFileSync } from 'node:child_process';
import { chmod, copyFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'vite';
import { analysisAssets } from '../server/assets/analysis-assets.ts';
import { rewriteDeclarationSpecifiers } from './declarations.ts';
import { libraryConfig, nodeBuild, ROOT, standaloneConfig } from './package-build.ts';
import { BIN_FILE, libraryManifest, PACKAGE_DOCUMENTS, type RootManifest } from './package-manifest.ts';

export const PACKAGE_DIR = join(ROOT, 'dist-package');

async function main(): Promise<void> {
  await rm(PACKAGE_DIR, { recursive: true, force: true });
  const started = Date.now();

  // The library stays readable for the host's bundler, except its worker (bundle-ready, so minified).
  await build(libraryConfig({ outDir: join(PACKAGE_DIR, 'lib'), minify: false, sourcemap: false }));
  await build(standaloneConfig({ outDir: join(PACKAGE_DIR, 'standalone'), sourcemap: false, precompress: false }));

  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/typescript/bin/tsc'),
      '-p',
      join(ROOT, 'src/tooling/tsconfig.package.json'),
      '--outDir',
      join(PACKAGE_DIR, 'types'),
    ],
    {
      stdio: 'inherit',
    },
  );
  await rewriteDeclarationSpecifiers(join(PACKAGE_DIR, 'types'));

  // The originals only: `npx okaylive-assets` makes the .br/.gz siblings in the host's folder.
  await mkdir(join(PACKAGE_DIR, 'okaylive-assets'));
  for (const file of analysisAssets().files)
    await writeFile(join(PACKAGE_DIR, 'okaylive-assets', file.name), file.bytes);
  // The library's worker beside the models, under its own name: where a host's bundler rewrites
  // the worker's address into one no page can start it from (Next.js: file:///_next/…), the
  // widget loads this copy (src/core/analysis/client/worker-url.ts).
  const workers = (await readdir(join(PACKAGE_DIR, 'lib/assets'))).filter((name) => /^worker-[\w-]+\.js$/.test(name));
  if (workers.length !== 1)
    throw new Error(`expected one analysis worker in lib/assets, found ${workers.join(', ') || 'none'}`);
  for (const name of workers)
    await copyFile(join(PACKAGE_DIR, 'lib/assets', name), join(PACKAGE_DIR, 'okaylive-assets', name));

  await build(
    nodeBuild(join(PACKAGE_DIR, 'bin'), {
      ssr: join(ROOT, 'src/tooling/okaylive-assets.ts'),
      rollupOptions: { output: { format: 'es', entryFileNames: 'okaylive-assets.js', banner: '#!/usr/bin/env node' } },
    }),
  );
  await chmod(join(PACKAGE_DIR, BIN_FILE), 0o755);

  const root = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as RootManifest;
  await writeFile(join(PACKAGE_DIR, 'package.json'), `${JSON.stringify(libraryManifest(root), null, 2)}\n`);
  for (const file of PACKAGE_DOCUMENTS) await copyFile(join(ROOT, file), join(PACKAGE_DIR, file));

  console.log(`package built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${PACKAGE_DIR}`);
}

await main();
