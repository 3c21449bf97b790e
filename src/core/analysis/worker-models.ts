/**
 * The worker's models: Human's face detector, then face-api's 68-point landmark network on
 * each face the detector found. Both are small (251 + 77 KB) and load together, so the first
 * analysed frame already has every reading guidance needs.
 */
import type * as Tf from '@tensorflow/tfjs-core';
import { Human } from '@vladmandic/human';
import type { AnalysisFailure, WorkerMemory } from './protocol.ts';
import { bakedAssetNames, wasmFileMap, type AssetNames } from './assets.ts';
import { humanConfig } from './human-config.ts';
import { toFaceInputs } from './human-faces.ts';
import { withLandmarks } from './landmarks68/faces.ts';
import { createLandmarkNet, type LandmarkNet } from './landmarks68/net.ts';
import { decodeWeights, parseManifest } from './landmarks68/weights.ts';
import type { FaceInput } from './types.ts';
import { prefetch } from './worker-prefetch.ts';

export interface WorkerModels {
  /** The detector, then the landmarks of each face it found. */
  detect(image: ImageData): Promise<{ faces: FaceInput[] }>;
  readonly backend: string;
  memory(): WorkerMemory;
}

/** The WASM backend's heap, read defensively: the module's shape is tfjs' internal business. */
function wasmHeapBytes(backend: unknown): number | null {
  const module = typeof backend === 'object' && backend !== null && 'wasm' in backend ? backend.wasm : null;
  const heap = typeof module === 'object' && module !== null && 'HEAPU8' in module ? module.HEAPU8 : null;
  return heap instanceof Uint8Array ? heap.buffer.byteLength : null;
}

export class LoadFailure extends Error {
  constructor(
    readonly reason: AnalysisFailure,
    detail: string,
  ) {
    super(detail);
  }
}

type TfCore = typeof Tf;

/** Human keeps a model whose files failed to load (and says so only in the console): a model counts when its weights arrived. */
function withWeights(human: Human, name: string): boolean {
  return human.models.list().some((m) => m.name === name && m.loaded && m.size > 0);
}

/** What the worker fetches: the WASM build tfjs will pick, the detector and the landmark network. */
function modelFiles(assetsBaseUrl: string, names: AssetNames, simd: boolean): string[] {
  const wasm = wasmFileMap(assetsBaseUrl, names)[simd ? 'tfjs-backend-wasm-simd.wasm' : 'tfjs-backend-wasm.wasm'];
  const files = ['blazeface.json', 'blazeface.bin', 'landmarks68.json', 'landmarks68.bin'] as const;
  return [...(wasm ? [wasm] : []), ...files.map((f) => `${assetsBaseUrl}${names[f]}`)];
}

async function fetchBytes(url: string): Promise<ArrayBuffer> {
  const response = await fetch(url);
  if (!response.ok) throw new LoadFailure('LOAD_FAILED', `${url}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

async function loadLandmarkNet(tf: TfCore, assetsBaseUrl: string, names: AssetNames): Promise<LandmarkNet> {
  try {
    const manifest = parseManifest(JSON.parse(new TextDecoder().decode(await fetchBytes(`${assetsBaseUrl}${names['landmarks68.json']}`))));
    // The manifest names its weights file relative to itself, as tfjs does.
    return createLandmarkNet(tf, await decodeWeights(tf, manifest, (path) => fetchBytes(`${assetsBaseUrl}${path}`)));
  } catch (error) {
    throw error instanceof LoadFailure ? error : new LoadFailure('LOAD_FAILED', `landmarks: ${String(error)}`);
  }
}

export async function loadWorkerModels(assetsBaseUrl: string): Promise<WorkerModels> {
  const names = bakedAssetNames();
  const human = new Human(humanConfig(assetsBaseUrl, { names }));
  // Human types its tfjs as any; it is tfjs-core with the WASM backend registered.
  const tf = human.tf as TfCore;
  // Multithreaded WASM breaks under COOP/COEP; one thread is plenty for one face.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  // The same test tfjs makes to pick its WASM build, so the prefetched one is the one it asks for.
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  prefetch(modelFiles(assetsBaseUrl, names, simd));
  try {
    await human.load();
  } catch (error) {
    throw new LoadFailure('LOAD_FAILED', String(error));
  }
  if (!withWeights(human, 'blazeface')) throw new LoadFailure('LOAD_FAILED', 'the blazeface model has no weights');
  const backend = String(tf.getBackend());
  // Human falls back to another backend when WASM fails; headless WebGL is far too slow.
  if (backend !== 'wasm') throw new LoadFailure('WRONG_BACKEND', `backend ${backend}`);
  const net = await loadLandmarkNet(tf, assetsBaseUrl, names);

  return {
    backend,
    memory() {
      const { numTensors, numBytes } = tf.memory();
      return { tensors: numTensors, tensorBytes: numBytes, wasmHeapBytes: wasmHeapBytes(tf.backend()) };
    },
    async detect(image) {
      const result = await human.detect(image);
      return { faces: await withLandmarks(tf, net, image, toFaceInputs(result.face)) };
    },
  };
}
