/**
 * `npx okaylive-assets [assets-folder] [--standalone <folder>] [--check]`, the package's bin.
 *
 * Copies the face-analysis models and WASM from the installed package into the host's static
 * folder (default ./public/okaylive-assets), to be served from the host's own origin under the
 * widget's `assetsBaseUrl` (default /okaylive-assets/): content-hashed names (cache them for a
 * year, `immutable`). With `--standalone <folder>`, also the one-script bundle
 * (okaylive-capture.js and its hashed worker under assets/) for pages without a bundler. Every
 * compressible file gets precompressed .br and .gz siblings, made here. `--check` copies
 * nothing and exits 1 when a folder is missing a file or holds an outdated one (for CI after
 * an upgrade).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { assetsInFolder, copyAssets, extraFiles, staleAssets } from './copy-assets.ts';
import { withCompressedSiblings } from './precompress.ts';

/** The package's folders beside its bin/: the very files whose names its worker has baked in. */
const PACKAGED = {
  assets: fileURLToPath(new URL('../okaylive-assets/', import.meta.url)),
  standalone: fileURLToPath(new URL('../standalone/', import.meta.url)),
};

const USAGE =
  'usage: npx okaylive-assets [assets-folder (default public/okaylive-assets)] [--standalone <folder>] [--check]';

async function check(from: string, target: string, what: string): Promise<boolean> {
  const stale = await staleAssets(assetsInFolder(from), target);
  for (const name of stale) console.error(`missing or outdated: ${target}/${name}`);
  if (stale.length === 0) console.log(`${target}: ${what} up to date`);
  return stale.length === 0;
}

async function copy(from: string, target: string, serveAt: string): Promise<void> {
  const sources = await withCompressedSiblings(assetsInFolder(from));
  const copied = await copyAssets(sources, target);
  let total = 0;
  for (const file of copied) {
    total += file.bytes;
    console.log(`${file.written ? 'copied ' : 'same   '} ${file.name} (${(file.bytes / 1024).toFixed(0)} KB)`);
  }
  console.log(`${copied.length} files, ${(total / 1024 / 1024).toFixed(2)} MB in ${target}; ${serveAt}`);
  const extra = extraFiles(target, sources);
  if (extra.length > 0) console.log(`not needed any more (safe to delete): ${extra.join(', ')}`);
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      check: { type: 'boolean', default: false },
      standalone: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
  });
  if (values.help || positionals.length > 1) {
    console.log(USAGE);
    return values.help ? 0 : 1;
  }
  for (const folder of Object.values(PACKAGED)) {
    if (!existsSync(folder))
      throw new Error(`${folder} is missing: run the okaylive-assets of an installed okaylive-capture package`);
  }
  const assets = resolve(positionals[0] ?? 'public/okaylive-assets');
  const standalone = values.standalone === undefined ? null : resolve(values.standalone);
  if (values.check) {
    const fresh = [await check(PACKAGED.assets, assets, 'face-analysis assets')];
    if (standalone) fresh.push(await check(PACKAGED.standalone, standalone, 'standalone script'));
    return fresh.every(Boolean) ? 0 : 1;
  }
  await copy(
    PACKAGED.assets,
    assets,
    'serve them at your assetsBaseUrl (default /okaylive-assets/), cached for a year (immutable: hashed names).',
  );
  if (standalone) {
    await copy(
      PACKAGED.standalone,
      standalone,
      'serve okaylive-capture.js with Cache-Control: no-cache (its name never changes) and assets/ for a year (hashed names).',
    );
  }
  console.log('Send the .br/.gz sibling where the browser accepts it, with Vary: Accept-Encoding.');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
