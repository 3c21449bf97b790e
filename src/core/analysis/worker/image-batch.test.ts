import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { imageBatch, scratchBuffer } from './image-batch.ts';

beforeAll(async () => {
  // The backend the worker runs (the CPU one is left out of analysis builds).
  setWasmPaths(`${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'))}/`);
  await tf.setBackend('wasm');
});

describe('the image batch the models read', () => {
  it('is the RGB of each pixel as float32, alpha dropped, in a batch of one', async () => {
    // 2 x 2: red, green / blue, white with alpha that must not leak in.
    const data = new Uint8ClampedArray([255, 0, 0, 255, 0, 255, 0, 10, 0, 0, 255, 0, 255, 254, 253, 128]);
    const batch = imageBatch(tf, { data, width: 2, height: 2 });
    expect(batch.shape).toEqual([1, 2, 2, 3]);
    expect(batch.dtype).toBe('float32');
    expect(Array.from(await batch.data())).toEqual([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 254, 253]);
    batch.dispose();
  });

  it('from a reused buffer, each tensor keeps its own values (the WASM backend copies them)', async () => {
    const scratch = scratchBuffer();
    const first = imageBatch(tf, { data: new Uint8ClampedArray([10, 20, 30, 255]), width: 1, height: 1 }, scratch);
    const second = imageBatch(tf, { data: new Uint8ClampedArray([40, 50, 60, 255]), width: 1, height: 1 }, scratch);
    expect(Array.from(await first.data())).toEqual([10, 20, 30]);
    expect(Array.from(await second.data())).toEqual([40, 50, 60]);
    first.dispose();
    second.dispose();
  });
});
