/**
 * Writes the face-analysis assets (hashed names, with their .br/.gz siblings) into a static
 * folder, to be served under `assetsBaseUrl` (default /okaylive-assets/). Used by the package
 * build (into dist-package/okaylive-assets) and by the `okaylive-assets` CLI (from the
 * installed package into the host's public folder).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { analysisAssets } from './analysis-assets.ts';
import { withCompressedSiblings } from './precompress.ts';

export interface CopiedAsset {
  name: string;
  bytes: number;
  /** false: an identical file was already there. */
  written: boolean;
}

let built: Map<string, Uint8Array> | null = null;

/** Served name → bytes: the assets as built from node_modules, compressed siblings included (made once). */
export function builtAssets(): ReadonlyMap<string, Uint8Array> {
  built ??= withCompressedSiblings(new Map(analysisAssets().files.map((f) => [f.name, f.bytes])));
  return built;
}

/** Every file of a folder that holds the assets (the packaged dist-package/okaylive-assets). */
export function assetsInFolder(folder: string): Map<string, Uint8Array> {
  return new Map(
    readdirSync(folder, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => [e.name, new Uint8Array(readFileSync(join(folder, e.name)))]),
  );
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
    if (written) await writeFile(to, bytes);
    copied.push({ name, bytes: bytes.length, written });
  }
  return copied;
}

/** Files that are missing or differ in the target: what a CI check of the host's static folder reports. */
export async function staleAssets(sources: ReadonlyMap<string, Uint8Array>, targetDir: string): Promise<string[]> {
  const stale: string[] = [];
  for (const [name, bytes] of sources) if (!(await same(bytes, join(targetDir, name)))) stale.push(name);
  return stale.sort();
}

/** Files in the folder that the current assets no longer need (an older version's hashes). */
export function extraFiles(targetDir: string, sources: ReadonlyMap<string, Uint8Array>): string[] {
  if (!existsSync(targetDir)) return [];
  return readdirSync(targetDir)
    .filter((f) => !sources.has(f))
    .sort();
}
