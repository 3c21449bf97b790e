/**
 * Brotli and gzip siblings (`file.js.br`, `file.js.gz`) written at build time, so a server
 * sends compressed bytes without compressing on each request (and at the highest levels,
 * which are too slow to run per request). Node's own zlib does both.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  brotliCompress,
  brotliCompressSync,
  constants,
  gzip,
  gzipSync,
  type BrotliOptions,
  type ZlibOptions,
} from 'node:zlib';
import type { Plugin } from 'vite';

/**
 * What is worth compressing: text, WASM, and model weights (float16 weights shrink ~10 % with
 * brotli). Images and video are compressed already.
 */
export const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|wasm|bin)$/;

/** A sibling is kept only when it saves at least this share: otherwise the server sends the original. */
const MIN_SAVING = 0.05;

export interface Compressed {
  br: Uint8Array | null;
  gz: Uint8Array | null;
}

const brotliOptions = (bytes: Uint8Array): BrotliOptions => ({
  params: {
    [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
    [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
  },
});
const gzipOptions: ZlibOptions = { level: constants.Z_BEST_COMPRESSION };

/** null where compressing does not pay. */
function worth(bytes: Uint8Array, out: Uint8Array): Uint8Array | null {
  return out.length <= bytes.length * (1 - MIN_SAVING) ? new Uint8Array(out) : null;
}

/** Both encodings of one file's bytes; null where compressing does not pay. */
export function compress(bytes: Uint8Array): Compressed {
  return {
    br: worth(bytes, brotliCompressSync(bytes, brotliOptions(bytes))),
    gz: worth(bytes, gzipSync(bytes, gzipOptions)),
  };
}

const brotliAsync = promisify<Uint8Array, BrotliOptions, Buffer>(brotliCompress);
const gzipAsync = promisify<Uint8Array, ZlibOptions, Buffer>(gzip);

/**
 * name → bytes, plus `name.br` / `name.gz` for every compressible file where it pays. Brotli at
 * its highest level is slow (seconds for the models and the worker): the files are compressed
 * at once, on libuv's thread pool, so every core takes a share.
 */
export async function withCompressedSiblings(files: ReadonlyMap<string, Uint8Array>): Promise<Map<string, Uint8Array>> {
  const out = new Map(files);
  const work = [...files].filter(([name]) => COMPRESSIBLE.test(name));
  const done = await Promise.all(
    work.map(async ([name, bytes]) => {
      const [br, gz] = await Promise.all([brotliAsync(bytes, brotliOptions(bytes)), gzipAsync(bytes, gzipOptions)]);
      return { name, br: worth(bytes, br), gz: worth(bytes, gz) };
    }),
  );
  for (const { name, br, gz } of done) {
    if (br) out.set(`${name}.br`, br);
    if (gz) out.set(`${name}.gz`, gz);
  }
  return out;
}

async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

/** Writes the siblings of every compressible file under `dir` that has none newer than itself. */
export async function precompressDir(dir: string): Promise<number> {
  let written = 0;
  for await (const path of walk(dir)) {
    if (!COMPRESSIBLE.test(path)) continue;
    const source = await stat(path);
    const fresh = await Promise.all(
      ['.br', '.gz'].map((ext) =>
        stat(`${path}${ext}`).then(
          (s) => s.mtimeMs >= source.mtimeMs,
          () => false,
        ),
      ),
    );
    if (fresh.every(Boolean)) continue;
    const { br, gz } = compress(new Uint8Array(await readFile(path)));
    if (br) await writeFile(`${path}.br`, br);
    if (gz) await writeFile(`${path}.gz`, gz);
    written += 1;
  }
  return written;
}

/** Vite plugin: precompresses everything a build wrote, once it is written. */
export function precompress(): Plugin {
  return {
    name: 'okaylive-precompress',
    apply: 'build',
    async writeBundle(options) {
      if (options.dir) await precompressDir(options.dir);
    },
  };
}
