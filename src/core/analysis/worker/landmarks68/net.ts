/**
 * The 68-point face landmark networks of `@vladmandic/face-api` (`face_landmark_68_tiny`,
 * 77 KB; `face_landmark_68`, 357 KB; both uint8-quantised), run on tfjs-core ops directly.
 * The library itself imports the whole of tfjs (layers, WebGL) and a DOM environment; what a
 * worker needs is only the forward pass over its published weights: a 112 px face crop,
 * three (tiny) or four densely connected blocks of separable convolutions, average pooling
 * and one fully connected layer giving 68 (x, y) pairs as shares of the crop.
 */
import type * as Tf from '@tensorflow/tfjs-core';
import type { Point } from '../../types.ts';

type TfCore = typeof Tf;

/** The network's input side, px, and the mean colour its training subtracted. */
export const INPUT_SIZE = 112;
const MEAN_RGB = [122.782, 117.001, 104.298] as const;
/** The mean level a dim crop is brought up to (about a face in even indoor light), by at most MAX_GAIN; a brighter one is left as it is. */
const TARGET_MEAN = 120;
const MIN_GAIN = 1;
const MAX_GAIN = 4;

export type LandmarkModel = 'tiny' | 'full';

/** Weights by the names the manifest gives them (`dense0/conv0/filters`, …). */
export type WeightMap = Readonly<Record<string, Tf.Tensor>>;

/** A square of the image, in its pixels. */
export interface Region {
  x: number;
  y: number;
  side: number;
}

export interface LandmarkNet {
  readonly model: LandmarkModel;
  /**
   * 68 landmarks (iBUG order: jaw 0-16, brows 17-26, nose 27-35, eyes 36-47, mouth 48-67)
   * in the image's pixels, for a square region of it. `image` is the float32 batch of one
   * [1, height, width, 3] (image-batch.ts).
   */
  run(image: Tf.Tensor4D, region: Region): Promise<Point[]>;
  dispose(): void;
}

function weight(weights: WeightMap, name: string): Tf.Tensor {
  const w = weights[name];
  if (!w) throw new Error(`landmark weights lack ${name}`);
  return w;
}

function blockCount(weights: WeightMap): { blocks: number; convs: number } {
  const blocks = weights['dense3/conv0/depthwise_filter'] ? 4 : 3;
  const convs = weights['dense0/conv3/depthwise_filter'] ? 4 : 3;
  return { blocks, convs };
}

/** Which model a weight map holds: the full one has four blocks of four convolutions. */
export function modelOf(weights: WeightMap): LandmarkModel {
  return blockCount(weights).blocks === 4 ? 'full' : 'tiny';
}

export function createLandmarkNet(tf: TfCore, weights: WeightMap): LandmarkNet {
  const { blocks, convs } = blockCount(weights);
  const model = modelOf(weights);
  const separable = (x: Tf.Tensor4D, prefix: string, stride: 1 | 2): Tf.Tensor4D =>
    tf.add(
      tf.separableConv2d(
        x,
        weight(weights, `${prefix}/depthwise_filter`) as Tf.Tensor4D,
        weight(weights, `${prefix}/pointwise_filter`) as Tf.Tensor4D,
        stride,
        'same',
      ),
      weight(weights, `${prefix}/bias`),
    );

  // Each block: the first convolution halves the size; every later one sees the sum of all
  // the block's outputs so far (a densely connected block), each sum through a ReLU.
  const block = (x: Tf.Tensor4D, b: number): Tf.Tensor4D => {
    const first: Tf.Tensor4D =
      b === 0
        ? tf.add(
            tf.conv2d(x, weight(weights, 'dense0/conv0/filters') as Tf.Tensor4D, 2, 'same'),
            weight(weights, 'dense0/conv0/bias'),
          )
        : separable(x, `dense${b}/conv0`, 2);
    let sum: Tf.Tensor4D = tf.relu(first);
    for (let c = 1; c < convs; c++) {
      const out = separable(c === 1 ? sum : tf.relu(sum), `dense${b}/conv${c}`, 1);
      sum = tf.add(sum, out);
    }
    return tf.relu(sum);
  };

  const pool = model === 'full' ? 7 : 14;

  // One pass over a batch of regions. Used one region at a time: a batch of five costs the same
  // time as five passes and grows the WASM heap from 28 to 69 MB, which it never gives back.
  const pass = async (image: Tf.Tensor4D, regions: readonly Region[]): Promise<Point[][]> => {
    if (regions.length === 0) return [];
    const [, height = 0, width = 0] = image.shape;
    const output = tf.tidy(() => {
      // Outside the picture the crop reads black, as the library pads a face at the edge.
      const boxes = tf.tensor2d(
        regions.map((r) => [r.y / height, r.x / width, (r.y + r.side) / height, (r.x + r.side) / width]),
      );
      const crops = tf.image.cropAndResize(
        image,
        boxes,
        new Array<number>(regions.length).fill(0),
        [INPUT_SIZE, INPUT_SIZE],
        'bilinear',
        0,
      );
      // A dim face is brought to a normal exposure first: the network, trained on well-lit
      // faces, otherwise misplaces the lower face in the dark (a selfie at a third of the
      // light read 26° of pitch). A gain, as more light would give, not a contrast stretch,
      // which made a blurred face read 24° of pitch. Each crop gets its own.
      const gain = tf.clipByValue(
        tf.div(TARGET_MEAN, tf.maximum(tf.mean(crops, [1, 2, 3], true), 1)),
        MIN_GAIN,
        MAX_GAIN,
      );
      const exposed = tf.mul(crops, gain);
      let x: Tf.Tensor4D = tf.div(tf.sub(exposed, tf.tensor1d([...MEAN_RGB])), 255);
      for (let b = 0; b < blocks; b++) x = block(x, b);
      const pooled = tf.avgPool(x, pool, 2, 'valid');
      const flat = tf.reshape<Tf.Rank.R2>(pooled, [regions.length, -1]);
      return tf.add(tf.matMul(flat, weight(weights, 'fc/weights') as Tf.Tensor2D), weight(weights, 'fc/bias'));
    });
    try {
      const values = await output.data();
      const per = values.length / regions.length;
      return regions.map((region, r) =>
        Array.from({ length: 68 }, (_, i) => ({
          x: region.x + (values[r * per + 2 * i] ?? 0) * region.side,
          y: region.y + (values[r * per + 2 * i + 1] ?? 0) * region.side,
        })),
      );
    } finally {
      output.dispose();
    }
  };

  return {
    model,
    async run(image, region) {
      const [landmarks] = await pass(image, [region]);
      if (!landmarks) throw new Error('the landmark network gave no landmarks');
      return landmarks;
    },
    dispose() {
      for (const t of Object.values(weights)) t.dispose();
    },
  };
}
