/**
 * Human's face detector without the rest of Human. The worker needs Human's BlazeFace and
 * nothing else of it, but Human's `Human` class bundles every model's code (~50 KiB of brotli
 * on a phone's link). So the worker runs Human's own source modules for the detector (loading,
 * decoding, the box helpers) on Human's merged config, and repeats the few steps of
 * `human.detect` that lead there with the mesh off: the image as a float tensor, the boxes,
 * then each box as Human's face result. The Node tools and the server still run the `Human`
 * class on the same config; `server/reference/fixtures/detector-parity.test.ts` holds the two to the same faces.
 */
import type { Config } from '@vladmandic/human';
import type * as Tf from '@tensorflow/tfjs-core';
import { getBoxes, load, type DetectBox } from 'human-source/face/blazeface';
import { clampBox, getRawBox } from 'human-source/face/facemeshutil';
import { defaults } from 'human-source/config';
import { init as initConstants } from 'human-source/tfjs/constants';
import { modelStats, setModelLoadOptions } from 'human-source/tfjs/load';
import { mergeDeep } from 'human-source/util/util';
import type { HumanFaceLike } from '../human-faces.ts';
import { imageBatch } from '../image-batch.ts';

type TfCore = typeof Tf;

/** Pixels as the worker and the Node tools hold them. */
export interface FacePixels {
  data: Uint8ClampedArray | Uint8Array;
  width: number;
  height: number;
}

export interface HumanFaceDetector {
  /** The faces in an RGBA image, as `human.detect` reports them with the mesh off. */
  detect(image: FacePixels): Promise<HumanFaceLike[]>;
  /** The same on the image's float batch (image-batch.ts), which the caller keeps and disposes. */
  detectBatch(input: Tf.Tensor4D): Promise<HumanFaceLike[]>;
  dispose(): void;
}

/** The config `new Human(config)` would hold: Human's defaults with ours merged in. */
export function mergedConfig(config: Partial<Config>): Config {
  // As Human's constructor does: a copy of the defaults, never the shared object.
  return mergeDeep(JSON.parse(JSON.stringify(defaults)) as Config, config) as Config;
}

/** Human's face result for one detector box, mesh off (Human's facemesh.predict). */
export function faceOfBox(box: DetectBox, input: Tf.Tensor): HumanFaceLike {
  const width = input.shape[2] ?? 0;
  const height = input.shape[1] ?? 0;
  // Human rounds the detector's score to hundredths before anyone sees it.
  const score = Math.round(100 * box.confidence) / 100;
  return {
    score,
    boxScore: score,
    faceScore: 0,
    box: clampBox(box, input),
    boxRaw: getRawBox(box, input),
    mesh: box.landmarks,
    // Human divides the keypoints' depth by the mesh's input size, 0 without a mesh: x and y only.
    meshRaw: box.landmarks.map((p) => [(p[0] ?? 0) / width, (p[1] ?? 0) / height]),
  };
}

/**
 * Loads the detector named in `config` (Human's `face.detector.modelPath` under
 * `modelBasePath`) on the backend tfjs already runs. Throws when its weights did not arrive:
 * Human keeps such a model and only says so in the console.
 */
export async function loadHumanFaceDetector(tf: TfCore, config: Partial<Config>): Promise<HumanFaceDetector> {
  const merged = mergedConfig(config);
  initConstants();
  setModelLoadOptions(merged);
  const model = await load(merged);
  const path = merged.face.detector?.modelPath ?? '';
  const name = (path.split('/').pop() ?? '').replace(/\.json$/i, '');
  if (!modelStats[name]?.loaded || (modelStats[name]?.sizeLoadedWeights ?? 0) === 0)
    throw new Error(`the detector ${path} has no weights`);
  const detectBatch = async (input: Tf.Tensor4D): Promise<HumanFaceLike[]> =>
    (await getBoxes(input, merged)).map((box) => faceOfBox(box, input));
  return {
    detectBatch,
    async detect(image) {
      // Human's image step gives its detector the same values (RGB as float32, batch of one).
      const input = imageBatch(tf, image);
      try {
        return await detectBatch(input);
      } finally {
        input.dispose();
      }
    },
    dispose: () => model.dispose(),
  };
}
