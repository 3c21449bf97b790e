import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ASSET_FILES } from '../core/analysis/assets.ts';
import { copyAssets, extraFiles, staleAssets } from './copy-assets.ts';
import { humanAssetFiles } from './human-assets.ts';

const dirs: string[] = [];
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'okl-assets-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('copying the face-analysis assets into a static folder', () => {
  it('copies exactly the listed files, byte for byte, from node_modules', async () => {
    const target = join(temp(), 'public', 'okaylive-assets');
    const sources = humanAssetFiles();
    const copied = await copyAssets(sources, target);
    expect(copied.map((c) => c.name)).toEqual([...ASSET_FILES]);
    expect(copied.every((c) => c.written && c.bytes > 1000)).toBe(true);
    for (const name of ASSET_FILES) expect(readFileSync(join(target, name)).equals(readFileSync(sources.get(name) ?? ''))).toBe(true);
    expect(await staleAssets(sources, target)).toEqual([]);
  });

  it('rewrites only what changed, and the check names stale and unneeded files', async () => {
    const target = temp();
    const sources = humanAssetFiles();
    await copyAssets(sources, target);
    writeFileSync(join(target, 'facemesh.bin'), 'old');
    writeFileSync(join(target, 'iris.bin'), 'left over');
    expect(await staleAssets(sources, target)).toEqual(['facemesh.bin']);
    expect(extraFiles(target)).toEqual(['iris.bin']);
    const again = await copyAssets(sources, target);
    expect(again.filter((c) => c.written).map((c) => c.name)).toEqual(['facemesh.bin']);
  });

  it('refuses a source without every file, naming the missing ones', async () => {
    const sources = new Map(humanAssetFiles());
    sources.delete('blazeface.bin');
    await expect(copyAssets(sources, temp())).rejects.toThrow(/blazeface\.bin/);
  });
});
