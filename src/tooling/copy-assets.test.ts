import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ASSET_FILES } from '../core/analysis/assets.ts';
import { analysisAssets, buildAnalysisAssets, MODEL_ENCODINGS } from '../server/assets/analysis-assets.ts';
import { copyAssets, extraFiles, staleAssets } from './copy-assets.ts';
import { withCompressedSiblings } from './precompress.ts';

const dirs: string[] = [];
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'okl-assets-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
/** What the package ships (the originals) and what the CLI copies (with their siblings). */
const originals = () => new Map(analysisAssets().files.map((f) => [f.name, f.bytes]));
let withSiblings = new Map<string, Uint8Array>();
const builtAssets = () => withSiblings;
// Building the set (re-encoding, brotli at its highest level) takes seconds on a busy machine.
beforeAll(async () => {
  withSiblings = await withCompressedSiblings(originals());
}, 120_000);

const HASHED = /^[\w-]+\.[0-9a-f]{8,16}\.(json|bin|wasm)$/;

describe('the face-analysis assets as built', () => {
  it('every file under a content-hashed name, the model JSON naming its hashed .bin', () => {
    const { files, names } = analysisAssets();
    expect(files.map((f) => f.file).sort()).toEqual([...ASSET_FILES].sort());
    for (const f of files) expect(f.name).toMatch(HASHED);
    const detector = JSON.parse(new TextDecoder().decode(files.find((f) => f.file === 'blazeface.json')?.bytes)) as {
      weightsManifest: { paths: string[] }[];
    };
    expect(detector.weightsManifest[0]?.paths).toEqual([names['blazeface.bin']]);
    const landmarks = JSON.parse(new TextDecoder().decode(files.find((f) => f.file === 'landmarks68.json')?.bytes)) as {
      paths: string[];
    }[];
    expect(landmarks[0]?.paths).toEqual([names['landmarks68.bin']]);
  });

  it('a rebuild gives the same names (it does not bust caches); other weights, other names', () => {
    expect(buildAnalysisAssets(MODEL_ENCODINGS).names).toEqual(analysisAssets().names);
    const other = buildAnalysisAssets({ ...MODEL_ENCODINGS, blazeface: 'uint8' }).names;
    expect(other['blazeface.bin']).not.toBe(analysisAssets().names['blazeface.bin']);
    expect(other['blazeface.json']).not.toBe(analysisAssets().names['blazeface.json']);
    expect(other['landmarks68.bin']).toBe(analysisAssets().names['landmarks68.bin']);
  }, 60_000);

  it('JSON and WASM get .br and .gz siblings that decompress to the file', () => {
    const built = builtAssets();
    const { names } = analysisAssets();
    for (const file of ['blazeface.json', 'tfjs-backend-wasm-simd.wasm'] as const) {
      const name = names[file];
      const original = Buffer.from(built.get(name) ?? new Uint8Array());
      expect(brotliDecompressSync(built.get(`${name}.br`) ?? new Uint8Array()).equals(original)).toBe(true);
      expect(gunzipSync(built.get(`${name}.gz`) ?? new Uint8Array()).equals(original)).toBe(true);
    }
  });
});

describe('copying them into a static folder', () => {
  it('writes exactly the built files, byte for byte', async () => {
    const target = join(temp(), 'public', 'okaylive-assets');
    const sources = builtAssets();
    const copied = await copyAssets(sources, target);
    expect(copied.every((c) => c.written)).toBe(true);
    expect(readdirSync(target).sort()).toEqual([...sources.keys()].sort());
    for (const [name, bytes] of sources) expect(readFileSync(join(target, name)).equals(Buffer.from(bytes))).toBe(true);
    expect(await staleAssets(originals(), target, sources)).toEqual([]);
  });

  it('rewrites only what changed, and the check names stale and unneeded files', async () => {
    const target = temp();
    const sources = builtAssets();
    await copyAssets(sources, target);
    const mesh = analysisAssets().names['landmarks68.bin'];
    writeFileSync(join(target, mesh), 'old');
    writeFileSync(join(target, 'landmarks68.0123456789.bin'), 'an older version');
    expect(await staleAssets(originals(), target, sources)).toEqual([mesh]);
    rmSync(join(target, `${mesh}.br`));
    expect(await staleAssets(originals(), target, sources)).toEqual([mesh, `${mesh}.br`]);
    expect(extraFiles(target, sources)).toEqual(['landmarks68.0123456789.bin']);
    const again = await copyAssets(sources, target);
    expect(again.filter((c) => c.written).map((c) => c.name)).toEqual([mesh, `${mesh}.br`]);
  });

  it('refuses an empty source', async () => {
    await expect(copyAssets(new Map(), temp())).rejects.toThrow(/no face-analysis assets/);
  });
});
