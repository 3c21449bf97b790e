import type * as Tf from '@tensorflow/tfjs-core';
import type { RgbaImage } from '../types.ts';

/**
 * The analysed image as the models read it: RGB as float32, a batch of one
 * ([1, height, width, 3]; alpha dropped). Made once per frame and shared by the detector and
 * the landmark network: the values Human's own image step gives its detector. Filled in one
 * pass here: through tfjs ops (an int tensor, a slice, a cast) the same took ~17 ms a frame on
 * WASM, this ~1 ms.
 */
export function imageBatch(
  tf: typeof Tf,
  image: Pick<RgbaImage, 'data' | 'width' | 'height'>,
  scratch?: ScratchBuffer,
): Tf.Tensor4D {
  const { data, width, height } = image;
  const rgb = scratch ? scratch.take(width * height * 3) : new Float32Array(width * height * 3);
  for (let i = 0, o = 0; o < rgb.length; i += 4, o += 3) {
    rgb[o] = data[i] ?? 0;
    rgb[o + 1] = data[i + 1] ?? 0;
    rgb[o + 2] = data[i + 2] ?? 0;
  }
  return tf.tensor4d(rgb, [1, height, width, 3], 'float32');
}

/**
 * One Float32Array reused frame after frame, for a backend that copies a tensor's values when
 * it is made (WASM copies them into its heap): a new 3.7 MB array per frame at 15 frames a second
 * is what the worker's JavaScript heap otherwise grows on. Never for the CPU backend, which
 * keeps the array it is given.
 */
export interface ScratchBuffer {
  take(length: number): Float32Array;
}

export function scratchBuffer(): ScratchBuffer {
  let buffer = new Float32Array(0);
  return {
    take(length) {
      if (buffer.length !== length) buffer = new Float32Array(length);
      return buffer;
    },
  };
}
