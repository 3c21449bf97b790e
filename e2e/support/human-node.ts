/**
 * Human in Node (WASM backend), for tests and tools that measure a real image the way the
 * browser does: the uploaded selfie in e2e, the camera clips when calibrating the rules.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { humanConfig } from '../../src/core/analysis/human-config.ts';
import { toFaceInputs, type HumanFaceLike } from '../../src/core/analysis/human-faces.ts';
import { measure, type Measurement } from '../../src/core/analysis/measure.ts';
import type { FaceInput, RgbaImage } from '../../src/core/analysis/types.ts';

const require = createRequire(import.meta.url);
const humanDir = dirname(dirname(require.resolve('@vladmandic/human')));
const modelsDir = join(humanDir, 'models');
const wasmDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));

interface NodeHuman {
  load(): Promise<void>;
  detect(input: unknown): Promise<{ face: HumanFaceLike[] }>;
  tf: {
    tensor3d(data: Uint8Array, shape: [number, number, number], dtype: 'int32'): { dispose(): void };
    env(): { set(flag: string, value: unknown): void };
  };
}

let loading: Promise<NodeHuman> | null = null;

/** Node's fetch refuses file:// URLs: the models are read from disk instead. */
const fileFetch = async (url: string | URL): Promise<Response> => {
  const name = String(url).split('/').pop() ?? '';
  const bytes = await readFile(join(modelsDir, name));
  return new Response(bytes, { status: 200, headers: { 'Content-Type': name.endsWith('.json') ? 'application/json' : 'application/octet-stream' } });
};

export function loadNodeHuman(): Promise<NodeHuman> {
  loading ??= (async () => {
    // The package's exports map hides the node-wasm build: import it by file path.
    const file = pathToFileURL(join(humanDir, 'dist', 'human.node-wasm.js')).href;
    const mod = (await import(file)) as { Human?: new (config: unknown) => NodeHuman; default?: { Human: new (config: unknown) => NodeHuman } };
    const Human = mod.Human ?? mod.default?.Human;
    if (!Human) throw new Error('Human node-wasm build has no Human export');
    globalThis.fetch = fileFetch as typeof fetch;
    const human = new Human({ ...humanConfig('file://models/'), wasmPath: `${pathToFileURL(wasmDir).href}/` });
    await human.load();
    return human;
  })();
  return loading;
}

/** Decodes an image file to RGBA at `height` px tall (or its own size). */
export async function decodeRgba(bytes: Buffer, height?: number): Promise<RgbaImage> {
  const pipeline = sharp(bytes).rotate();
  const { data, info } = await (height ? pipeline.resize({ height }) : pipeline).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

export async function detectFaces(image: RgbaImage): Promise<FaceInput[]> {
  const human = await loadNodeHuman();
  const rgb = new Uint8Array(image.width * image.height * 3);
  for (let i = 0, j = 0; i < image.data.length; i += 4, j += 3) {
    rgb[j] = image.data[i] ?? 0;
    rgb[j + 1] = image.data[i + 1] ?? 0;
    rgb[j + 2] = image.data[i + 2] ?? 0;
  }
  const tensor = human.tf.tensor3d(rgb, [image.height, image.width, 3], 'int32');
  try {
    const result = await human.detect(tensor);
    return toFaceInputs(result.face);
  } finally {
    tensor.dispose();
  }
}

/** Measures an image file as if it were the upload: readings in its own pixels. */
export async function measureImage(bytes: Buffer, analysisHeight = 640): Promise<Measurement> {
  const meta = await sharp(bytes).rotate().metadata();
  const image = await decodeRgba(bytes, Math.min(analysisHeight, meta.height ?? analysisHeight));
  const crop = { width: meta.autoOrient?.width ?? meta.width ?? image.width, height: meta.autoOrient?.height ?? meta.height ?? image.height };
  return measure({ faces: await detectFaces(image), image, crop });
}
