/**
 * `npm run build:package`: everything the npm package ships, under dist-package/ (the app's
 * own `vite build` owns dist/).
 *
 *   lib/            ESM for bundlers (React, react-query, zustand, react-webcam external) + style.css
 *   types/          declarations
 *   standalone/     okaylive-capture.js: one script tag, React inside; its worker beside it (+ .br/.gz)
 *   okaylive-assets/  models and WASM under hashed names (+ .br/.gz), for `npx okaylive-assets <public folder>`
 *   bin/            that copy helper
 */
import { execFileSync } from 'node:child_process';
import { chmod, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'vite';
import { builtAssets, copyAssets } from './copy-assets.ts';
import { libraryConfig, ROOT, standaloneConfig } from './package-build.ts';

export const PACKAGE_DIR = join(ROOT, 'dist-package');

/**
 * tsc keeps `./props.ts` specifiers, which consumers without allowImportingTsExtensions cannot
 * resolve: they become `./props.js`. Side-effect CSS imports carry no types and would need a
 * CSS module declaration in every consumer: they go.
 */
async function rewriteDeclarationSpecifiers(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.d.ts')) continue;
    const file = join(entry.parentPath, entry.name);
    const text = await readFile(file, 'utf8');
    const rewritten = text
      .replace(/^import\s+['"][^'"]+\.css['"];\n/gm, '')
      .replace(/((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]+?)\.tsx?(['"])/g, '$1$2.js$3');
    if (rewritten !== text) await writeFile(file, rewritten);
  }
}

async function main(): Promise<void> {
  await rm(PACKAGE_DIR, { recursive: true, force: true });
  const started = Date.now();

  // The library stays readable for the host's bundler, except its worker (bundle-ready, so minified).
  await build(libraryConfig({ outDir: join(PACKAGE_DIR, 'lib'), minify: false }));
  await build(standaloneConfig({ outDir: join(PACKAGE_DIR, 'standalone') }));

  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'src/tooling/tsconfig.package.json'), '--outDir', join(PACKAGE_DIR, 'types')],
    {
      stdio: 'inherit',
    },
  );
  await rewriteDeclarationSpecifiers(join(PACKAGE_DIR, 'types'));

  await copyAssets(builtAssets(), join(PACKAGE_DIR, 'okaylive-assets'));

  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    publicDir: false,
    build: {
      ssr: join(ROOT, 'src/tooling/okaylive-assets.ts'),
      outDir: join(PACKAGE_DIR, 'bin'),
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      rollupOptions: { output: { format: 'es', entryFileNames: 'okaylive-assets.js', banner: '#!/usr/bin/env node' } },
    },
  });
  await chmod(join(PACKAGE_DIR, 'bin', 'okaylive-assets.js'), 0o755);

  console.log(`package built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${PACKAGE_DIR}`);
}

await main();
