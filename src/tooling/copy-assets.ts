/**
 * Copies the face-analysis assets (models and WASM, listed once in src/core/analysis/assets.ts)
 * into a host's static folder, to be served under `assetsBaseUrl` (default /okaylive-assets/).
 * Used by the package build (from node_modules into dist/) and by the `okaylive-assets` CLI
 * (from the installed package into the host's public folder).
 */
import { copyFile, mkdir, readFile, stat } from 'node:fs/promises';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ASSET_FILES } from '../core/analysis/assets.ts';

export interface CopiedAsset {
  name: string;
  bytes: number;
  /** false: an identical file was already there. */
  written: boolean;
}

async function sameContent(a: string, b: string): Promise<boolean> {
  if (!existsSync(b)) return false;
  const [sa, sb] = await Promise.all([stat(a), stat(b)]);
  if (sa.size !== sb.size) return false;
  const [ba, bb] = await Promise.all([readFile(a), readFile(b)]);
  return ba.equals(bb);
}

/** Name → absolute path of every asset in a folder that holds them all (the packaged dist/okaylive-assets). */
export function assetsInFolder(folder: string, names: readonly string[] = ASSET_FILES): Map<string, string> {
  return new Map(names.map((name) => [name, join(folder, name)]));
}

export async function copyAssets(sources: ReadonlyMap<string, string>, targetDir: string, names: readonly string[] = ASSET_FILES): Promise<CopiedAsset[]> {
  const missing = names.filter((name) => !sources.has(name) || !existsSync(sources.get(name) ?? ''));
  if (missing.length > 0) throw new Error(`face-analysis assets missing from the source: ${missing.join(', ')}`);
  await mkdir(targetDir, { recursive: true });
  const copied: CopiedAsset[] = [];
  for (const name of names) {
    const from = sources.get(name) ?? '';
    const to = join(targetDir, name);
    const written = !(await sameContent(from, to));
    if (written) await copyFile(from, to);
    copied.push({ name, bytes: (await stat(to)).size, written });
  }
  return copied;
}

/** Files that are missing or differ in the target: what a CI check of the host's static folder reports. */
export async function staleAssets(sources: ReadonlyMap<string, string>, targetDir: string, names: readonly string[] = ASSET_FILES): Promise<string[]> {
  const stale: string[] = [];
  for (const name of names) if (!(await sameContent(sources.get(name) ?? '', join(targetDir, name)))) stale.push(name);
  return stale;
}

/** Asset names present in a folder that the current list no longer needs (left over from an older version). */
export function extraFiles(targetDir: string, names: readonly string[] = ASSET_FILES): string[] {
  if (!existsSync(targetDir)) return [];
  return readdirSync(targetDir).filter((f) => !names.includes(f));
}
