import type * as Tf from '@tensorflow/tfjs-core';
import type * as HumanModule from '@vladmandic/human';
import type { Config, Human } from '@vladmandic/human';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { AssetNames } from '../../core/analysis/assets.ts';
import { humanConfig } from '../../core/analysis/worker/human-config.ts';
import { toFaceInputs } from '../../core/analysis/worker/human-faces.ts';
import { withLandmarks } from '../../core/analysis/worker/landmarks68/faces.ts';
import { createLandmarkNet, type LandmarkNet } from '../../core/analysis/worker/landmarks68/net.ts';
import { decodeWeights, parseManifest } from '../../core/analysis/worker/landmarks68/weights.ts';
import type { FaceInput, RgbaImage } from '../../core/analysis/types.ts';
import { analysisAssets, HUMAN_MODELS_DIR } from '../assets/analysis-assets.ts';

/** The part of tfjs this module touches (Human types its `tf` as any). */
interface Tensor {
  dispose(): void;
}
interface ModelArtifacts {
  weightSpecs?: unknown;
}
interface WeightsGroup {
  paths: string[];
  weights: unknown[];
}
interface NodeTf {
  tensor3d(data: Uint8Array, shape: [number, number, number], dtype: 'int32'): Tensor;
  slice(x: Tensor, begin: number[], size: number[]): Tensor;
  zeros(shape: number[], dtype?: string): Tensor;
  dispose(x: unknown): void;
  io: {
    registerLoadRouter(router: (url: unknown) => { load(): Promise<ModelArtifacts> } | null): void;
    getModelArtifactsForJSON(
      json: unknown,
      loadWeights: (manifest: WeightsGroup[]) => Promise<[unknown[], ArrayBuffer]>,
    ): Promise<ModelArtifacts>;
  };
}
interface GraphModelLike {
  inputs: { shape?: number[]; dtype: string }[];
  execute(input: Tensor): unknown;
  dispose(): void;
}

export interface NodeFaceDetector {
  detect(image: RgbaImage): Promise<FaceInput[]>;
  /** tfjs tensors alive in this detector's engine: a count that grows frame after frame is a leak. */
  liveTensors(): number;
  /** Where this detector's model files are answered (tfjs' load router): another tfjs model can load from here too. */
  readonly modelRoot: string;
  /**
   * Frees the models' weights. Every load's copy of Human shares tfjs' one engine (it lives on
   * globalThis), so a tool that loads detector after detector must free each, or keep them all.
   */
  dispose(): void;
}

const require = createRequire(import.meta.url);
const humanDir = dirname(dirname(require.resolve('@vladmandic/human')));
const wasmDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));

/** Model files by the name they are served under, and the names the config asks for. */
export interface ModelSet {
  names: AssetNames;
  files: ReadonlyMap<string, Uint8Array>;
}

/** The models exactly as the browser fetches them: re-encoded weights, hashed names. */
export function servedModels(): ModelSet {
  const assets = analysisAssets();
  return { names: assets.names, files: new Map(assets.files.map((f) => [f.name, f.bytes])) };
}

/**
 * The browser's Human set-up (src/core/analysis/worker/human-config.ts: the same detector and
 * thresholds, so both read a face the same way) plus, on the server only, three models the
 * browser never downloads: the face mesh, whose own face score confirms a find (a cat's face
 * passes the detector; the mesh is unsure of it) and is the occlusion reading, and antispoof
 * (`real`) and liveness (`live`), which give `probability`. The geometry comes from the
 * landmark network on both sides.
 */
export function serverHumanConfig(modelBase: string, names: AssetNames): Partial<Config> {
  const base = humanConfig(modelBase, { names });
  return {
    ...base,
    wasmPath: `${wasmDir}/`,
    face: {
      ...base.face,
      mesh: { enabled: true, modelPath: 'facemesh.json', keepInvalid: false },
      antispoof: { enabled: true, modelPath: 'antispoof.json', skipFrames: 0, skipTime: 0 },
      liveness: { enabled: true, modelPath: 'liveness.json', skipFrames: 0, skipTime: 0 },
    },
  };
}

let loads = 0;

type TfCore = typeof Tf;

/** The landmark network from the same files the browser fetches. */
async function nodeLandmarkNet(tf: TfCore, models: ModelSet): Promise<LandmarkNet> {
  const file = (name: string): Uint8Array => {
    const bytes = models.files.get(name);
    if (!bytes) throw new Error(`landmark model file missing: ${name}`);
    return bytes;
  };
  const manifest = parseManifest(JSON.parse(new TextDecoder().decode(file(models.names['landmarks68.json']))));
  const weights = await decodeWeights(tf, manifest, (path) => {
    const bytes = file(path);
    return Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  });
  return createLandmarkNet(tf, weights);
}

/**
 * Node's fetch refuses file:// URLs and tfjs-core has no file loader without tfjs-node, so
 * model URLs under a per-load root are answered by a tfjs load router: from `models` (the
 * detector and landmarks as served to browsers), else from the package's models folder. Nothing
 * else is served: a URL outside the root finds no handler.
 */
function registerModelLoader(tf: NodeTf, root: string, models: ModelSet): void {
  const read = async (name: string): Promise<Uint8Array> => {
    const own = models.files.get(name);
    if (own) return own;
    const path = resolve(HUMAN_MODELS_DIR, name);
    if (dirname(path) !== resolve(HUMAN_MODELS_DIR)) throw new Error(`model file outside the models folder: ${name}`);
    return new Uint8Array(await readFile(path));
  };
  tf.io.registerLoadRouter((url) => {
    if (typeof url !== 'string' || !url.startsWith(root) || !url.endsWith('.json')) return null;
    const name = url.slice(root.length);
    return {
      load: async () => {
        const json: unknown = JSON.parse(new TextDecoder().decode(await read(name)));
        return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
          const parts: Uint8Array[] = [];
          for (const group of manifest) for (const p of group.paths) parts.push(await read(p));
          const all = Buffer.concat(parts);
          const weights = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
          return [manifest.flatMap((g) => g.weights), weights];
        });
      },
    };
  });
}

/** Runs every loaded model once on zeros, so the first real upload does not pay for it. */
function warmUp(human: Human, tf: NodeTf): void {
  const models = human.models.models as Record<string, GraphModelLike | null>;
  for (const model of Object.values(models)) {
    const input = model?.inputs[0];
    if (!model || !input) continue;
    const x = tf.zeros(
      (input.shape ?? [1]).map((d) => (d > 0 ? d : 1)),
      input.dtype,
    );
    tf.dispose(model.execute(x));
    x.dispose();
  }
}

/**
 * Loads Human's node-wasm build and the models once; detection then takes RGBA pixels. Each
 * load gets its own copy of Human's modules (which keep their models in module state), so a
 * tool can hold two detectors with different weights side by side.
 */
export async function loadNodeDetector(
  models: ModelSet = servedModels(),
  options: { landmarks?: boolean; asBrowser?: boolean } = {},
): Promise<NodeFaceDetector> {
  // The package's exports map hides the node-wasm build: load it by its file path.
  const file = join(humanDir, 'dist', 'human.node-wasm.js');
  delete require.cache[file];
  const { Human: HumanClass } = require(file) as typeof HumanModule;
  const root = `file:///okaylive-models/${++loads}/`;
  // asBrowser: exactly the browser's set-up (no mesh, no anti-spoofing), for tests and tools.
  const human = new HumanClass(
    options.asBrowser
      ? { ...humanConfig(root, { names: models.names }), wasmPath: `${wasmDir}/` }
      : serverHumanConfig(root, models.names),
  );
  const tf = human.tf as NodeTf;
  registerModelLoader(tf, root, models);
  await human.load();
  warmUp(human, tf);
  // Without the landmarks (what the browser reads on a frame it answers from the detector alone), for tests and tools.
  const net = options.landmarks === false ? null : await nodeLandmarkNet(human.tf as TfCore, models);
  return {
    modelRoot: root,
    liveTensors: () => (human.tf as TfCore).memory().numTensors,
    async detect(image) {
      const rgba = tf.tensor3d(
        new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.byteLength),
        [image.height, image.width, 4],
        'int32',
      );
      const rgb = tf.slice(rgba, [0, 0, 0], [-1, -1, 3]);
      rgba.dispose();
      try {
        // Human bundles its own copy of tfjs' types: the same tensor, another nominal type.
        const result = await human.detect(rgb as Parameters<Human['detect']>[0]);
        const faces = toFaceInputs(result.face);
        return net ? await withLandmarks(human.tf as TfCore, net, image, faces) : faces;
      } finally {
        rgb.dispose();
      }
    },
    dispose() {
      for (const model of Object.values(human.models.models as Record<string, GraphModelLike | null>)) model?.dispose();
      net?.dispose();
    },
  };
}
