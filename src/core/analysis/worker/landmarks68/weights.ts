/**
 * Loads the landmark network's weights from its tfjs weights manifest (the format
 * `@vladmandic/face-api` ships: a JSON list of weight groups, uint8-quantised, plus one
 * binary file), decoded by tfjs-core itself.
 */
import type * as Tf from '@tensorflow/tfjs-core';
import type { WeightMap } from './net.ts';

type TfCore = typeof Tf;

export interface WeightsGroup {
  paths: string[];
  weights: Tf.io.WeightsManifestEntry[];
}

function isGroups(value: unknown): value is WeightsGroup[] {
  return (
    Array.isArray(value) &&
    value.every(
      (g) =>
        typeof g === 'object' &&
        g !== null &&
        Array.isArray((g as WeightsGroup).paths) &&
        Array.isArray((g as WeightsGroup).weights),
    )
  );
}

/** The manifest's groups; throws on anything else, so a wrong file fails at load, not at the first frame. */
export function parseManifest(json: unknown): WeightsGroup[] {
  if (!isGroups(json)) throw new Error('not a tfjs weights manifest');
  return json;
}

/**
 * The weights as tensors. `read` gives a file's bytes by the name the manifest lists it
 * under (`face_landmark_68_tiny_model.bin`); the groups' files are read in order.
 */
export async function decodeWeights(
  tf: TfCore,
  groups: readonly WeightsGroup[],
  read: (path: string) => Promise<ArrayBuffer>,
): Promise<WeightMap> {
  const out: Record<string, Tf.Tensor> = {};
  for (const group of groups) {
    const buffers = await Promise.all(group.paths.map(read));
    const total = buffers.reduce((n, b) => n + b.byteLength, 0);
    const joined = new Uint8Array(total);
    let at = 0;
    for (const b of buffers) {
      joined.set(new Uint8Array(b), at);
      at += b.byteLength;
    }
    Object.assign(out, tf.io.decodeWeights(joined.buffer, group.weights));
  }
  return out;
}
