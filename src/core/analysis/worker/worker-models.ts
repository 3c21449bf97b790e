/**
 * The worker's models: Human's face detector (run from Human's source, human-face/), then
 * face-api's 68-point landmark network on each face the detector found. Both are small
 * (251 + 77 KB) and load together, so the first analysed frame already has every reading
 * guidance needs.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import type { AnalysisFailure, WorkerMemory } from '../protocol.ts';
import { bakedAssetNames, wasmFileMap, type AssetNames } from '../assets.ts';
import { loadHumanFaceDetector } from './human-face/detector.ts';
import { humanConfig } from './human-config.ts';
import { imageBatch, scratchBuffer } from './image-batch.ts';
import { toFaceInputs } from './human-faces.ts';
import { withLandmarks } from './landmarks68/faces.ts';
import { createLandmarkNet, type LandmarkNet } from './landmarks68/net.ts';
import { decodeWeights, parseManifest } from './landmarks68/weights.ts';
import type { FaceInput, RgbaImage } from '../types.ts';
import { prefetch } from './worker-prefetch.ts';

export interface WorkerModels {
  /** The detector, then the landmarks of each face it found. */
  detect(image: RgbaImage): Promise<{ faces: FaceInput[] }>;
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

type TfCore = typeof tf;

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
    const manifest = parseManifest(
      JSON.parse(new TextDecoder().decode(await fetchBytes(`${assetsBaseUrl}${names['landmarks68.json']}`))),
    );
    // The manifest names its weights file relative to itself, as tfjs does.
    return createLandmarkNet(tf, await decodeWeights(tf, manifest, (path) => fetchBytes(`${assetsBaseUrl}${path}`)));
  } catch (error) {
    throw error instanceof LoadFailure ? error : new LoadFailure('LOAD_FAILED', `landmarks: ${String(error)}`);
  }
}

export async function loadWorkerModels(assetsBaseUrl: string): Promise<WorkerModels> {
  const names = bakedAssetNames();
  // Multithreaded WASM breaks under COOP/COEP; one thread is plenty for one face.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  // The same test tfjs makes to pick its WASM build, so the prefetched one is the one it asks for.
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  prefetch(modelFiles(assetsBaseUrl, names, simd));
  // Hashed names in builds: a map of each WASM build to its URL.
  setWasmPaths(wasmFileMap(assetsBaseUrl, names));
  let ready = false;
  try {
    ready = await tf.setBackend('wasm');
  } catch (error) {
    throw new LoadFailure('LOAD_FAILED', `the WASM backend: ${String(error)}`);
  }
  // tfjs says false when the WASM module would not load or compile (a CSP without 'wasm-unsafe-eval').
  if (!ready) throw new LoadFailure('LOAD_FAILED', 'the WASM backend did not start');
  const backend = tf.getBackend();
  if (backend !== 'wasm') throw new LoadFailure('WRONG_BACKEND', `backend ${backend}`);
  const [detector, net] = await Promise.all([
    loadHumanFaceDetector(tf, humanConfig(assetsBaseUrl, { names })).catch((error: unknown) => {
      throw new LoadFailure('LOAD_FAILED', `detector: ${String(error)}`);
    }),
    loadLandmarkNet(tf, assetsBaseUrl, names),
  ]);

  const scratch = scratchBuffer();
  return {
    backend,
    memory() {
      const { numTensors, numBytes } = tf.memory();
      return { tensors: numTensors, tensorBytes: numBytes, wasmHeapBytes: wasmHeapBytes(tf.backend()) };
    },
    async detect(image) {
      // One float image per frame, read by both models; the WASM backend copies it, so one array serves every frame.
      const input = imageBatch(tf, image, scratch);
      try {
        return { faces: await withLandmarks(tf, net, input, toFaceInputs(await detector.detectBatch(input))) };
      } finally {
        input.dispose();
      }
    },
  };
}
