import type { Config, Human } from '@vladmandic/human';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { humanConfig } from '../../core/analysis/human-config.ts';
import { toFaceInputs, type HumanFaceLike } from '../../core/analysis/human-faces.ts';
import type { FaceInput, RgbaImage } from '../../core/analysis/types.ts';

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
    getModelArtifactsForJSON(json: unknown, loadWeights: (manifest: WeightsGroup[]) => Promise<[unknown[], ArrayBuffer]>): Promise<ModelArtifacts>;
  };
}
interface GraphModelLike {
  inputs: { shape?: number[]; dtype: string }[];
  execute(input: Tensor): unknown;
}

export interface NodeFaceDetector {
  detect(image: RgbaImage): Promise<FaceInput[]>;
}

const require = createRequire(import.meta.url);
const humanDir = dirname(dirname(require.resolve('@vladmandic/human')));
const modelsDir = join(humanDir, 'models');
const wasmDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));

/**
 * The browser's Human set-up (src/core/analysis/human-config.ts: same detector, mesh and
 * thresholds, so both read a face the same way) plus the two models that give `probability`:
 * antispoof (`real`) and liveness (`live`). Models come from the installed package.
 */
export function serverHumanConfig(): Partial<Config> {
  const base = humanConfig(`${pathToFileURL(modelsDir).href}/`);
  return {
    ...base,
    wasmPath: `${wasmDir}/`,
    face: {
      ...base.face,
      antispoof: { enabled: true, modelPath: 'antispoof.json', skipFrames: 0, skipTime: 0 },
      liveness: { enabled: true, modelPath: 'liveness.json', skipFrames: 0, skipTime: 0 },
    },
  };
}

/**
 * Node's fetch refuses file:// URLs and tfjs-core has no file loader without tfjs-node, so
 * model URLs under the models folder are read from disk by a tfjs load router. Nothing else
 * is served: a URL outside the folder finds no handler.
 */
function registerModelLoader(tf: NodeTf): void {
  const root = `${resolve(modelsDir)}/`;
  tf.io.registerLoadRouter((url) => {
    if (typeof url !== 'string' || !url.startsWith('file://')) return null;
    const path = resolve(fileURLToPath(url));
    if (!path.startsWith(root) || !path.endsWith('.json')) return null;
    return {
      load: async () => {
        const json: unknown = JSON.parse(await readFile(path, 'utf8'));
        return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
          const buffers: Buffer[] = [];
          for (const group of manifest) for (const p of group.paths) buffers.push(await readFile(join(dirname(path), p)));
          const all = Buffer.concat(buffers);
          const weights = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer;
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
    const x = tf.zeros((input.shape ?? [1]).map((d) => (d > 0 ? d : 1)), input.dtype);
    tf.dispose(model.execute(x));
    x.dispose();
  }
}

/** Loads Human's node-wasm build and its models once; detection then takes RGBA pixels. */
export async function loadNodeDetector(): Promise<NodeFaceDetector> {
  // The package's exports map hides the node-wasm build: load it by its file path.
  const { Human: HumanClass } = require(join(humanDir, 'dist', 'human.node-wasm.js')) as typeof import('@vladmandic/human');
  const human = new HumanClass(serverHumanConfig());
  const tf = human.tf as NodeTf;
  registerModelLoader(tf);
  await human.load();
  warmUp(human, tf);
  return {
    async detect(image) {
      const rgba = tf.tensor3d(new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.byteLength), [image.height, image.width, 4], 'int32');
      const rgb = tf.slice(rgba, [0, 0, 0], [-1, -1, 3]);
      rgba.dispose();
      try {
        const result = await human.detect(rgb as Parameters<Human['detect']>[0]);
        return toFaceInputs(result.face as unknown as HumanFaceLike[]);
      } finally {
        rgb.dispose();
      }
    },
  };
}
