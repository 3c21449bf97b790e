/**
 * The worker's two stages of Human: the detector alone first (small: the first hints need
 * nothing more), then the face mesh, loaded while the detector already analyses frames.
 * Two instances, because Human loads every model its config enables whenever it detects: the
 * detector-only instance never asks for the mesh, and the full one is used from the moment
 * its load has finished. They share the tfjs backend and the detector's weights (Human keeps
 * a loaded model in module state), so the detector is fetched once.
 */
import { Human } from '@vladmandic/human';
import type { AnalysisFailure } from './protocol.ts';
import { bakedAssetNames, wasmFileMap, type AssetNames } from './assets.ts';
import { humanConfig } from './human-config.ts';
import { toFaceInputs } from './human-faces.ts';
import type { FaceInput } from './types.ts';
import { prefetch } from './worker-prefetch.ts';

export interface Detection {
  faces: FaceInput[];
  /** false: the detector alone ran (box and six keypoints per face). */
  mesh: boolean;
}

export interface WorkerModels {
  /** With the mesh once it is in, unless `mesh` is false: the detector alone then. */
  detect(image: ImageData, mesh?: boolean): Promise<Detection>;
  /** Resolves once the mesh is in use; rejects with a LoadFailure when it cannot load. */
  readonly mesh: Promise<void>;
  readonly backend: string;
}

export class LoadFailure extends Error {
  constructor(
    readonly reason: AnalysisFailure,
    detail: string,
  ) {
    super(detail);
  }
}

/** Human keeps a model whose files failed to load (and says so only in the console): a model counts when its weights arrived. */
function withWeights(human: Human, name: string): boolean {
  return human.models.list().some((m) => m.name === name && m.loaded && m.size > 0);
}

async function loaded(human: Human, model: string): Promise<void> {
  try {
    await human.load();
  } catch (error) {
    throw new LoadFailure('LOAD_FAILED', String(error));
  }
  if (!withWeights(human, model)) throw new LoadFailure('LOAD_FAILED', `the ${model} model has no weights`);
}

/** What the detector stage fetches: the WASM build tfjs will pick, and the detector model. */
function detectorFiles(assetsBaseUrl: string, names: AssetNames, simd: boolean): string[] {
  const wasm = wasmFileMap(assetsBaseUrl, names)[simd ? 'tfjs-backend-wasm-simd.wasm' : 'tfjs-backend-wasm.wasm'];
  return [...(wasm ? [wasm] : []), `${assetsBaseUrl}${names['blazeface.json']}`, `${assetsBaseUrl}${names['blazeface.bin']}`];
}

/** The few tfjs calls the worker makes; Human types its `tf` as `any`. */
interface WorkerTf {
  env(): { set(flag: string, value: boolean): void; getAsync(flag: string): Promise<unknown> };
  getBackend(): unknown;
}

export async function loadWorkerModels(assetsBaseUrl: string): Promise<WorkerModels> {
  const names = bakedAssetNames();
  const detector = new Human(humanConfig(assetsBaseUrl, { names, mesh: false }));
  // Multithreaded WASM breaks under COOP/COEP; one thread is plenty for one face.
  const tf = detector.tf as WorkerTf;
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  // The same test tfjs makes to pick its WASM build, so the prefetched one is the one it asks for.
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  prefetch(detectorFiles(assetsBaseUrl, names, simd));
  await loaded(detector, 'blazeface');
  const backend = String(tf.getBackend());
  // Human falls back to another backend when WASM fails; headless WebGL is far too slow.
  if (backend !== 'wasm') throw new LoadFailure('WRONG_BACKEND', `backend ${backend}`);

  let current: { human: Human; mesh: boolean } = { human: detector, mesh: false };
  const full = new Human(humanConfig(assetsBaseUrl, { names, mesh: true }));
  const mesh = loaded(full, 'facemesh').then(() => {
    current = { human: full, mesh: true };
  });
  // Awaited by the caller; never an unhandled rejection while it is not yet awaited.
  mesh.catch(() => undefined);

  return {
    backend,
    mesh,
    async detect(image, wanted = true) {
      const { human, mesh: withMesh } = wanted ? current : { human: detector, mesh: false };
      const result = await human.detect(image);
      return { faces: toFaceInputs(result.face), mesh: withMesh };
    },
  };
}
