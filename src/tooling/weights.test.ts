// The package index is aliased away for the analysis worker (analysis-aliases.ts): its parts directly.
import '@tensorflow/tfjs-backend-cpu/dist/base';
import '@tensorflow/tfjs-backend-cpu/dist/register_all_kernels';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { decodeWeights, encodeWeights, reencodeModel, uint8Range, type Encoding, type Tensor, type WeightSpec } from './weights.ts';

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

describe('re-encoded weights decode in tfjs to what went in', () => {
  it.each<[Encoding, number, number]>([
    // encoding, bytes per float, largest error allowed
    ['float32', 4, 0],
    ['float16', 2, 3.5 * 2 ** -11], // half of float16's step at |x| ≤ 3.5
    ['uint8', 1, (3.5 * 2) / 255 / 2 + 1e-6], // half a step of the tensor's range
  ])('%s', async (encoding, bytesPerFloat, maxError) => {
    const { group, bin } = encodeWeights(tensors, encoding, 'model.bin');
    expect(group.paths).toEqual(['model.bin']);
    expect(bin.length).toBe((1000 + 3) * bytesPerFloat + 4 * 4);
    const decoded = await tfjsDecode(group.weights, bin);
    const w = decoded.w ?? new Float32Array();
    expect(Math.max(...Array.from(ramp, (v, i) => Math.abs(v - (w[i] ?? NaN))))).toBeLessThanOrEqual(maxError);
    expect(Array.from(decoded.shape ?? [])).toEqual(Array.from(ints));
    expect(Array.from(decoded.zeros ?? [])).toEqual([0, 0, 0]);
    // and this module reads back its own output the same way
    expect(decodeWeights(group.weights, bin).map((t) => Array.from(t.values))).toEqual(Object.values(decoded).map((v) => Array.from(v)));
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
    expect(out.json.weightsManifest[0]?.weights.map((w) => w.quantization?.dtype ?? w.dtype)).toEqual(['float16', 'int32', 'float16']);
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
