// The package index is aliased away for the analysis worker (analysis-aliases.ts): its parts directly.
import '@tensorflow/tfjs-backend-cpu/dist/base';
import '@tensorflow/tfjs-backend-cpu/dist/register_all_kernels';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import {
  decodeWeights,
  describePlan,
  encodeWeights,
  encodingOf,
  reencodeModel,
  uint8Range,
  type Encoding,
  type EncodingPlan,
  type Tensor,
  type WeightSpec,
} from './weights.ts';

const ramp = new Float32Array(Array.from({ length: 1000 }, (_, i) => Math.sin(i / 7) * 3 - 0.5));
const ints = new Int32Array([1, -2, 300000, 4]);
const tensors: Tensor[] = [
  { spec: { name: 'w', shape: [10, 100], dtype: 'float32' }, values: ramp },
  { spec: { name: 'shape', shape: [4], dtype: 'int32' }, values: ints },
  { spec: { name: 'zeros', shape: [3], dtype: 'float32' }, values: new Float32Array(3) },
];

/** What tfjs itself makes of an encoded manifest: the decoder the browser and server use. */
async function tfjsDecode(specs: WeightSpec[], bin: Uint8Array): Promise<Record<string, Float32Array | Int32Array>> {
  const buffer = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer;
  const named = tf.io.decodeWeights(buffer, specs as tf.io.WeightsManifestEntry[]);
  const out: Record<string, Float32Array | Int32Array> = {};
  for (const [name, t] of Object.entries(named)) out[name] = (await t.data()) as Float32Array | Int32Array;
  return out;
}

/** The largest error each encoding may make on `ramp` (|x| ≤ 3.5). */
const MAX_ERROR: Record<Encoding, number> = {
  float32: 0,
  float16: 3.5 * 2 ** -11, // half of float16's step at |x| ≤ 3.5
  uint8: (3.5 * 2) / 255 / 2 + 1e-6, // half a step of the tensor's range
};
const BYTES_PER: Record<Encoding, number> = { float32: 4, float16: 2, uint8: 1 };

describe('re-encoded weights decode in tfjs to what went in', () => {
  it.each<Encoding>(['float32', 'float16', 'uint8'])('%s', async (encoding) => {
    const [bytesPerFloat, maxError] = [BYTES_PER[encoding], MAX_ERROR[encoding]];
    const { group, bin } = encodeWeights(tensors, encoding, 'model.bin');
    expect(group.paths).toEqual(['model.bin']);
    expect(bin.length).toBe((1000 + 3) * bytesPerFloat + 4 * 4);
    const decoded = await tfjsDecode(group.weights, bin);
    const w = decoded.w ?? new Float32Array();
    expect(Math.max(...Array.from(ramp, (v, i) => Math.abs(v - (w[i] ?? NaN))))).toBeLessThanOrEqual(maxError);
    expect(Array.from(decoded.shape ?? [])).toEqual(Array.from(ints));
    expect(Array.from(decoded.zeros ?? [])).toEqual([0, 0, 0]);
    // and this module reads back its own output the same way
    expect(decodeWeights(group.weights, bin).map((t) => Array.from(t.values))).toEqual(
      Object.values(decoded).map((v) => Array.from(v)),
    );
  });
});

describe('a plan per tensor', () => {
  it.each<[string, EncodingPlan, Encoding, Encoding]>([
    // name, plan, what `w` gets, what `zeros` gets
    ['one encoding for all', 'float16', 'float16', 'float16'],
    ['uint8, the large tensor kept float16', { default: 'uint8', tensors: { w: 'float16' } }, 'float16', 'uint8'],
    ['float16, one tensor uint8', { default: 'float16', tensors: { w: 'uint8' } }, 'uint8', 'float16'],
    [
      'an exception that is the default changes nothing',
      { default: 'uint8', tensors: { zeros: 'uint8' } },
      'uint8',
      'uint8',
    ],
    ['float32 beside uint8', { default: 'float32', tensors: { zeros: 'uint8' } }, 'float32', 'uint8'],
  ])('%s', async (_name, plan, wGets, zerosGets) => {
    const { group, bin } = encodeWeights(tensors, plan, 'model.bin');
    const stored = (e: Encoding) => (e === 'float32' ? 'float32' : e);
    expect(group.weights.map((w) => w.quantization?.dtype ?? w.dtype)).toEqual([
      stored(wGets),
      'int32',
      stored(zerosGets),
    ]);
    expect(bin.length).toBe(1000 * BYTES_PER[wGets] + 4 * 4 + 3 * BYTES_PER[zerosGets]);
    const decoded = await tfjsDecode(group.weights, bin);
    const w = decoded.w ?? new Float32Array();
    expect(Math.max(...Array.from(ramp, (v, i) => Math.abs(v - (w[i] ?? NaN))))).toBeLessThanOrEqual(MAX_ERROR[wGets]);
    expect(Array.from(decoded.shape ?? [])).toEqual(Array.from(ints));
    expect(Array.from(decoded.zeros ?? [])).toEqual([0, 0, 0]);
  });

  it('refuses a plan naming a tensor the model does not have (a stale plan)', () => {
    expect(() =>
      encodeWeights(tensors, { default: 'uint8', tensors: { w: 'float16', gone: 'float16' } }, 'model.bin'),
    ).toThrow(/gone/);
  });

  it.each<[EncodingPlan, string, Encoding, string]>([
    ['uint8', 'w', 'uint8', 'uint8'],
    [{ default: 'uint8', tensors: { w: 'float16' } }, 'w', 'float16', 'uint8, 1 tensor float16'],
    [
      { default: 'uint8', tensors: { w: 'float16', zeros: 'float16', shape: 'uint8' } },
      'shape',
      'uint8',
      'uint8, 2 tensors float16',
    ],
  ])('%j: %s is %s, in words "%s"', (plan, name, encoding, words) => {
    expect(encodingOf(plan, name)).toBe(encoding);
    expect(describePlan(plan)).toBe(words);
  });
});

describe('uint8 range', () => {
  it.each<[string, number[], boolean]>([
    ['straddling zero: zero is a step exactly', [-1, 0.3, 2], true],
    ['all positive: starts at the minimum', [0.5, 1, 2], false],
    ['constant', [0.25, 0.25], false],
  ])('%s', (_name, values, zeroExact) => {
    const { scale, min } = uint8Range(new Float32Array(values));
    expect(scale).toBeGreaterThan(0);
    if (zeroExact) expect(Math.abs(Math.round(-min / scale) * scale + min)).toBeLessThan(1e-9);
    else expect(min).toBeCloseTo(Math.min(...values), 9);
  });
});

describe('a model file', () => {
  it('keeps its graph and names the new .bin', () => {
    const { group, bin } = encodeWeights(tensors, 'float32', 'old.bin');
    const json = { format: 'graph-model', modelTopology: { node: [] }, weightsManifest: [group] };
    const out = reencodeModel(json, bin, 'float16', 'new.abc.bin');
    expect(out.json.modelTopology).toBe(json.modelTopology);
    expect(out.json.weightsManifest[0]?.paths).toEqual(['new.abc.bin']);
    expect(out.json.weightsManifest[0]?.weights.map((w) => w.quantization?.dtype ?? w.dtype)).toEqual([
      'float16',
      'int32',
      'float16',
    ]);
  });

  it('refuses data shorter than its manifest', () => {
    expect(() =>
      decodeWeights(
        tensors.map((t) => t.spec),
        new Uint8Array(10),
      ),
    ).toThrow(/runs past the end/);
  });
});
