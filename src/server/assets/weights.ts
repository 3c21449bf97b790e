/**
 * Reads and rewrites the weights of a tfjs graph model (model JSON + one .bin), re-encoding
 * each float tensor as float32, float16 or uint8, all alike or tensor by tensor. The manifest
 * says how each tensor is stored (`quantization`), and tfjs decodes it back to float32 when the
 * model loads, so a quantised model is a smaller download with the same graph and the same
 * loading code.
 */
import { Float16Array, getFloat16 } from '@petamoriken/float16';

export type Encoding = 'float32' | 'float16' | 'uint8';

/**
 * One encoding for every float tensor, or one for most and others for the named tensors (the
 * few a coarse encoding would hurt). Plain data, so a plan can be compared, printed and keyed.
 */
export type EncodingPlan =
  Encoding | { readonly default: Encoding; readonly tensors: Readonly<Record<string, Encoding>> };

/** The encoding a plan gives one tensor. */
export function encodingOf(plan: EncodingPlan, name: string): Encoding {
  return typeof plan === 'string' ? plan : (plan.tensors[name] ?? plan.default);
}

/** A plan in a few words: `float16`, or `uint8, 12 tensors float16`. */
export function describePlan(plan: EncodingPlan): string {
  if (typeof plan === 'string') return plan;
  const counts = new Map<Encoding, number>();
  for (const e of Object.values(plan.tensors)) if (e !== plan.default) counts.set(e, (counts.get(e) ?? 0) + 1);
  return [plan.default, ...[...counts].map(([e, n]) => `${n} tensor${n === 1 ? '' : 's'} ${e}`)].join(', ');
}

export interface Quantization {
  dtype: 'float16' | 'uint8' | 'uint16';
  scale?: number;
  min?: number;
  original_dtype?: string;
}

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: Quantization;
}

export interface WeightsGroup {
  paths: string[];
  weights: WeightSpec[];
}

/** The part of a graph-model JSON this module reads; everything else is kept as it is. */
export interface ModelJson {
  weightsManifest: WeightsGroup[];
  [key: string]: unknown;
}

export interface Tensor {
  spec: WeightSpec;
  values: Float32Array | Int32Array;
  /** The bytes as stored, kept when the tensor is re-encoded the way it already is. */
  stored?: Uint8Array;
}

const BYTES: Readonly<Record<string, number>> = { float32: 4, int32: 4, float16: 2, uint16: 2, uint8: 1 };

function bytesPer(dtype: string): number {
  const n = BYTES[dtype];
  if (n === undefined) throw new Error(`weights: unsupported dtype ${dtype}`);
  return n;
}

const count = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

function decodeTensor(spec: WeightSpec, stored: Uint8Array): Float32Array | Int32Array {
  const view = new DataView(stored.buffer, stored.byteOffset, stored.byteLength);
  const n = count(spec.shape);
  if (spec.dtype === 'int32' && !spec.quantization) {
    const values = new Int32Array(n);
    for (let i = 0; i < n; i++) values[i] = view.getInt32(i * 4, true);
    return values;
  }
  const q = spec.quantization;
  const size = bytesPer(q?.dtype ?? spec.dtype);
  const values = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const at = i * size;
    if (!q) values[i] = view.getFloat32(at, true);
    else if (q.dtype === 'float16') values[i] = getFloat16(view, at, true);
    else
      values[i] = (q.dtype === 'uint8' ? view.getUint8(at) : view.getUint16(at, true)) * (q.scale ?? 1) + (q.min ?? 0);
  }
  return values;
}

/**
 * Every tensor of a manifest, in manifest order: its stored bytes, and its values as float32
 * or int32, decoded when first read (a tensor kept as it is never is).
 */
export function decodeWeights(specs: readonly WeightSpec[], data: Uint8Array): Tensor[] {
  let offset = 0;
  return specs.map((spec) => {
    const storedType = spec.quantization?.dtype ?? spec.dtype;
    if (spec.dtype !== 'float32' && !(spec.dtype === 'int32' && !spec.quantization)) {
      throw new Error(
        `weights: ${spec.name} is ${spec.dtype}${spec.quantization ? ` stored as ${storedType}` : ''}, which this tool does not rewrite`,
      );
    }
    const length = count(spec.shape) * bytesPer(storedType);
    if (offset + length > data.byteLength) throw new Error(`weights: ${spec.name} runs past the end of the data`);
    const stored = data.subarray(offset, offset + length);
    offset += length;
    let values: Float32Array | Int32Array | null = null;
    return {
      spec,
      stored,
      get values() {
        values ??= decodeTensor(spec, stored);
        return values;
      },
    };
  });
}

/**
 * The affine uint8 range tfjs's own converter uses: 256 steps from min to max, nudged so
 * that zero is exactly representable (a zero weight or padding stays exactly zero).
 */
export function uint8Range(values: Float32Array): { scale: number; min: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!Number.isFinite(lo) || hi === lo) return { scale: 1, min: Number.isFinite(lo) ? lo : 0 };
  const scale = (hi - lo) / 255;
  const min = lo <= 0 && hi >= 0 ? -Math.round(-lo / scale) * scale : lo;
  return { scale, min };
}

/** How a tensor is stored now, in the terms of an Encoding (int32 tensors never change). */
function storedAs(spec: WeightSpec): Encoding | 'int32' | null {
  if (spec.dtype === 'int32' && !spec.quantization) return 'int32';
  if (spec.dtype !== 'float32') return null;
  const q = spec.quantization?.dtype;
  return q === undefined ? 'float32' : q === 'float16' || q === 'uint8' ? q : null;
}

function encodeTensor(tensor: Tensor, encoding: Encoding): { spec: WeightSpec; bytes: Uint8Array } {
  const { spec } = tensor;
  const now = storedAs(spec);
  // Already stored this way (the mesh ships as float16): the same bytes, no round trip.
  if (tensor.stored && (now === 'int32' || now === encoding)) return { spec, bytes: tensor.stored };
  const values = tensor.values;
  const base: WeightSpec = { name: spec.name, shape: spec.shape, dtype: spec.dtype };
  const n = values.length;
  if (values instanceof Int32Array || encoding === 'float32') {
    const bytes = new Uint8Array(n * 4);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < n; i++) {
      if (values instanceof Int32Array) view.setInt32(i * 4, values[i] ?? 0, true);
      else view.setFloat32(i * 4, values[i] ?? 0, true);
    }
    return { spec: base, bytes };
  }
  if (encoding === 'float16') {
    // Little-endian, as tfjs reads it (every engine this runs on is little-endian).
    const bytes = new Uint8Array(new Float16Array(values).buffer);
    return { spec: { ...base, quantization: { dtype: 'float16', original_dtype: 'float32' } }, bytes };
  }
  const { scale, min } = uint8Range(values);
  const bytes = new Uint8Array(n);
  for (let i = 0; i < n; i++) bytes[i] = Math.min(255, Math.max(0, Math.round(((values[i] ?? 0) - min) / scale)));
  return { spec: { ...base, quantization: { dtype: 'uint8', scale, min, original_dtype: 'float32' } }, bytes };
}

/** Every float tensor as the plan says (int32 tensors stay as they are), as one new manifest group and .bin. */
export function encodeWeights(
  tensors: readonly Tensor[],
  plan: EncodingPlan,
  binName: string,
): { group: WeightsGroup; bin: Uint8Array } {
  // A name the model does not have is a stale plan (the model changed): it must not pass silently.
  if (typeof plan !== 'string') {
    const names = new Set(tensors.map((t) => t.spec.name));
    const unknown = Object.keys(plan.tensors).filter((n) => !names.has(n));
    if (unknown.length > 0)
      throw new Error(`weights: the plan names tensors the model does not have: ${unknown.join(', ')}`);
  }
  const encoded = tensors.map((t) => encodeTensor(t, encodingOf(plan, t.spec.name)));
  const bin = new Uint8Array(encoded.reduce((s, e) => s + e.bytes.length, 0));
  let offset = 0;
  for (const e of encoded) {
    bin.set(e.bytes, offset);
    offset += e.bytes.length;
  }
  return { group: { paths: [binName], weights: encoded.map((e) => e.spec) }, bin };
}

/** A single-file model (every tfjs model Human ships) re-encoded; its JSON now names `binName`. */
export function reencodeModel(
  json: ModelJson,
  bin: Uint8Array,
  plan: EncodingPlan,
  binName: string,
): { json: ModelJson; bin: Uint8Array } {
  if (json.weightsManifest.length !== 1)
    throw new Error(`weights: expected one weights group, found ${json.weightsManifest.length}`);
  const specs = json.weightsManifest.flatMap((g) => g.weights);
  const encoded = encodeWeights(decodeWeights(specs, bin), plan, binName);
  return { json: { ...json, weightsManifest: [encoded.group] }, bin: encoded.bin };
}
