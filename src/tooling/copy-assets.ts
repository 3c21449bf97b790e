/**
 * Writes the face-analysis assets (hashed names, with their .br/.gz siblings) into a static
 * folder, to be served under `assetsBaseUrl` (default /okaylive-assets/), and the standalone
 * bundle into another. The package ships the originals only (the models barely compress, so
 * two siblings each would more than double the tarball); the `okaylive-assets` CLI makes the
 * siblings as it copies. This module is
 * bundled into that CLI: it imports nothing but Node and precompress.ts, never the build-time
 * packages the assets are made from (analysis-assets.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { withCompressedSiblings } from './precompress.ts';

export interface CopiedAsset {
  name: string;
  bytes: number;
  /** false: an identical file was already there. */
  written: boolean;
}

/** Paths of every file under a folder, relative to it, with `/` separators (`assets/worker-x.js`). */
function filesUnder(folder: string, prefix = ''): string[] {
  return readdirSync(join(folder, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(folder, `${prefix}${e.name}/`) : e.isFile() ? [`${prefix}${e.name}`] : [],
  );
}

/** Every file of a folder (the package's okaylive-assets/ or standalone/), by its path inside it. */
export function assetsInFolder(folder: string): Map<string, Uint8Array> {
  return new Map(filesUnder(folder).map((name) => [name, new Uint8Array(readFileSync(join(folder, name)))]));
}

async function same(bytes: Uint8Array, path: string): Promise<boolean> {
  if (!existsSync(path) || (await stat(path)).size !== bytes.length) return false;
  return Buffer.from(bytes).equals(await readFile(path));
}

export async function copyAssets(sources: ReadonlyMap<string, Uint8Array>, targetDir: string): Promise<CopiedAsset[]> {
  if (sources.size === 0) throw new Error('no face-analysis assets in the source');
  await mkdir(targetDir, { recursive: true });
  const copied: CopiedAsset[] = [];
  for (const [name, bytes] of [...sources].sort(([a], [b]) => a.localeCompare(b))) {
    const to = join(targetDir, name);
    const written = !(await same(bytes, to));
    if (written) await mkdir(dirname(to), { recursive: true }).then(() => writeFile(to, bytes));
    copied.push({ name, bytes: bytes.length, written });
  }
  return copied;
}

/**
 * Files that are missing or differ in the target: what a CI check of the host's static folder
 * reports. Originals are compared byte for byte; their compressed siblings only for presence,
 * since another Node's brotli may encode the same file differently (a hashed name never
 * changes content, so a sibling of the same name is of the same file).
 */
export async function staleAssets(
  originals: ReadonlyMap<string, Uint8Array>,
  targetDir: string,
  /** The originals with their siblings, when already made (compressing takes seconds). */
  sources?: ReadonlyMap<string, Uint8Array>,
): Promise<string[]> {
  const stale: string[] = [];
  for (const name of (sources ?? (await withCompressedSiblings(originals))).keys()) {
    const bytes = originals.get(name);
    const fresh = bytes ? await same(bytes, join(targetDir, name)) : existsSync(join(targetDir, name));
    if (!fresh) stale.push(name);
  }
  return stale.sort();
}

/** Files in the folder that the current assets no longer need (an older version's hashes). */
export function extraFiles(targetDir: string, sources: ReadonlyMap<string, Uint8Array>): string[] {
  if (!existsSync(targetDir)) return [];
  return filesUnder(targetDir)
    .filter((f) => !sources.has(f))
    .sort();
}
