/**
 * `npx okaylive-assets [target-folder] [--check]`
 *
 * Copies the face-analysis models and WASM from the installed package into the host's static
 * folder (default ./public/okaylive-assets), to be served from the host's own origin under the
 * widget's `assetsBaseUrl` (default /okaylive-assets/): content-hashed names (cache them for a
 * year, `immutable`) with precompressed .br and .gz siblings. `--check` copies nothing and
 * exits 1 when the folder is missing a file or holds an outdated one (for CI after an upgrade).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assetsInFolder, builtAssets, copyAssets, extraFiles, staleAssets } from './copy-assets.ts';

/**
 * In the package: dist-package/okaylive-assets beside dist-package/bin, the very files whose
 * names the package's worker has baked in. In this repository: built from node_modules.
 */
function sources(): ReadonlyMap<string, Uint8Array> {
  const packaged = fileURLToPath(new URL('../okaylive-assets/', import.meta.url));
  return existsSync(packaged) ? assetsInFolder(packaged) : builtAssets();
}

async function main(argv: string[]): Promise<number> {
  const check = argv.includes('--check');
  const target = resolve(argv.find((a) => !a.startsWith('--')) ?? 'public/okaylive-assets');
  const from = sources();
  if (check) {
    const stale = await staleAssets(from, target);
    for (const name of stale) console.error(`missing or outdated: ${name}`);
    if (stale.length === 0) console.log(`${target}: face-analysis assets up to date`);
    return stale.length === 0 ? 0 : 1;
  }
  const copied = await copyAssets(from, target);
  let total = 0;
  for (const file of copied) {
    total += file.bytes;
    console.log(`${file.written ? 'copied ' : 'same   '} ${file.name} (${(file.bytes / 1024).toFixed(0)} KB)`);
  }
  console.log(`${copied.length} files, ${(total / 1024 / 1024).toFixed(2)} MB in ${target}; serve them at your assetsBaseUrl (default /okaylive-assets/).`);
  console.log('Hashed names: cache them for a year (immutable). Send the .br/.gz sibling where the browser accepts it, with Vary: Accept-Encoding.');
  const extra = extraFiles(target, from);
  if (extra.length > 0) console.log(`not needed any more (safe to delete): ${extra.join(', ')}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
