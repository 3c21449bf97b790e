/**
 * The face-analysis assets as served: the detector with its weights re-encoded (weights.ts),
 * the landmark network as face-api ships it, and every file under a content-hashed name, so hosts can cache them forever
 * and a new version is a new URL. Made in memory from node_modules at build time (and when
 * the dev server or the reference engine starts); nothing generated is committed.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  ASSET_FILES,
  MODEL_NAMES,
  WASM_FILES,
  type AssetFile,
  type AssetNames,
  type ModelName,
} from '../../core/analysis/assets.ts';
import { reencodeModel, type EncodingPlan, type ModelJson, type WeightsGroup } from './weights.ts';

const require = createRequire(import.meta.url);

export const HUMAN_MODELS_DIR = join(dirname(dirname(require.resolve('@vladmandic/human'))), 'models');
const WASM_DIR = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));

/**
 * The detector's tensors stored as uint8 (tfjs' per-tensor scale and minimum); every other
 * float tensor stays float16, so a tensor a model update adds gets the safe encoding until the
 * tool has judged it. 11 KB less after brotli than all float16. Chosen by
 * `npm run models:encoding` (choose-encoding.ts): largest tensor first, a tensor goes uint8
 * only if every camera clip still reads within tolerance of the shipped weights with the same
 * hint and verdict, no face's score drops by more than 0.05, and the rendered head passes the
 * known-pose checks. The first classifier head and the weights and bias of the block feeding
 * the second heads lose a face outright; most other tensors moved a reading no further than a
 * one-pixel shift of the frame moves it with the shipped weights, so which of them pass is
 * close to chance, and a change to the readings can tip one over: rerun the tool then.
 * (When the landmarks became the mean of five looks, `unknown_61` tipped the rolled clip's eye
 * openness 0.0012 past its tolerance and went back to float16, 0.2 KB.)
 */
export const DETECTOR_UINT8: readonly string[] = [
  'unknown_131',
  'unknown_67',
  'unknown_91',
  'unknown_101',
  'unknown_59',
  'unknown_7',
  'unknown_81',
  'unknown_85',
  'unknown_89',
  'unknown_53',
  'unknown_45',
  'unknown_100',
  'unknown_112',
  'unknown_130',
  'unknown_16',
  'unknown_36',
  'unknown_44',
  'unknown_134',
  'unknown_136',
];

/**
 * How each model's float weights are stored (quantised-readings.test.ts holds them to the
 * shipped weights' readings). All of the detector as uint8 loses the turned and the overexposed
 * face, and drops the close one's score by 0.3; all float16 reads every clip as float32 does;
 * mixed, as above.
 */
export const MODEL_ENCODINGS: Readonly<Record<ModelName, EncodingPlan>> = {
  blazeface: { default: 'float16', tensors: Object.fromEntries(DETECTOR_UINT8.map((name) => [name, 'uint8'])) },
};

/** face-api's model folder, and the landmark network served as `landmarks68` (already uint8-quantised). */
export const FACE_API_MODELS_DIR = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
export const LANDMARK_MODEL = 'face_landmark_68_tiny_model';

export interface AnalysisAsset {
  /** The name the code knows (`blazeface.json`). */
  file: AssetFile;
  /** The name it is served under (`blazeface.3fa9c2d1e0.json`). */
  name: string;
  bytes: Uint8Array;
}

export interface AnalysisAssetSet {
  files: AnalysisAsset[];
  names: AssetNames;
  /** The same files for plain names (each model JSON naming `<model>.bin`): the dev server's pages use these. */
  plain: ReadonlyMap<AssetFile, Uint8Array>;
}

/** 10 hex digits of the content's SHA-256. */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 10);
}

/** `blazeface.bin` + hash → `blazeface.<hash>.bin` (the extension stays last, for content types). */
export function hashedName(file: string, bytes: Uint8Array): string {
  const dot = file.lastIndexOf('.');
  return `${file.slice(0, dot)}.${contentHash(bytes)}${file.slice(dot)}`;
}

/** The shipped model files as they are in @vladmandic/human. */
export function shippedModel(model: ModelName): { json: ModelJson; bin: Uint8Array } {
  const json = JSON.parse(readFileSync(join(HUMAN_MODELS_DIR, `${model}.json`), 'utf8')) as ModelJson;
  return { json, bin: new Uint8Array(readFileSync(join(HUMAN_MODELS_DIR, `${model}.bin`))) };
}

const jsonBytes = (json: ModelJson): Uint8Array => new TextEncoder().encode(JSON.stringify(json));

/** One model re-encoded, its .bin hashed and named in its JSON, then the JSON hashed. */
function modelAssets(model: ModelName, plan: EncodingPlan): { hashed: AnalysisAsset[]; plainJson: Uint8Array } {
  const { json, bin } = shippedModel(model);
  // The .bin's name goes into the JSON, so the .bin is encoded (and hashed) first.
  const plain = reencodeModel(json, bin, plan, `${model}.bin`);
  const binName = hashedName(`${model}.bin`, plain.bin);
  const hashedJson = jsonBytes({
    ...plain.json,
    weightsManifest: plain.json.weightsManifest.map((g) => ({ ...g, paths: [binName] })),
  });
  return {
    hashed: [
      { file: `${model}.json`, name: hashedName(`${model}.json`, hashedJson), bytes: hashedJson },
      { file: `${model}.bin`, name: binName, bytes: plain.bin },
    ],
    plainJson: jsonBytes(plain.json),
  };
}

/** The landmark network's manifest and weights, the manifest naming the hashed weights file. */
function landmarkAssets(): { hashed: AnalysisAsset[]; plainJson: Uint8Array } {
  const groups = JSON.parse(
    readFileSync(join(FACE_API_MODELS_DIR, `${LANDMARK_MODEL}-weights_manifest.json`), 'utf8'),
  ) as WeightsGroup[];
  const bin = new Uint8Array(readFileSync(join(FACE_API_MODELS_DIR, `${LANDMARK_MODEL}.bin`)));
  const binName = hashedName('landmarks68.bin', bin);
  const withPath = (path: string): Uint8Array =>
    new TextEncoder().encode(JSON.stringify(groups.map((g) => ({ ...g, paths: [path] }))));
  const hashedJson = withPath(binName);
  return {
    hashed: [
      { file: 'landmarks68.json', name: hashedName('landmarks68.json', hashedJson), bytes: hashedJson },
      { file: 'landmarks68.bin', name: binName, bytes: bin },
    ],
    plainJson: withPath('landmarks68.bin'),
  };
}

/** Every analysis asset, built anew (deterministic: the same input gives the same names). */
export function buildAnalysisAssets(encodings: Readonly<Record<ModelName, EncodingPlan>>): AnalysisAssetSet {
  const models = MODEL_NAMES.map((model) => ({ model, ...modelAssets(model, encodings[model]) }));
  const landmarks = landmarkAssets();
  const files: AnalysisAsset[] = [
    ...models.flatMap((m) => m.hashed),
    ...landmarks.hashed,
    ...WASM_FILES.map((file) => {
      const bytes = new Uint8Array(readFileSync(join(WASM_DIR, file)));
      return { file, name: hashedName(file, bytes), bytes };
    }),
  ];
  const names = Object.fromEntries(
    ASSET_FILES.map((file) => [file, files.find((f) => f.file === file)?.name ?? file]),
  ) as Record<AssetFile, string>;
  const plain = new Map<AssetFile, Uint8Array>(files.map((f) => [f.file, f.bytes]));
  for (const m of models) plain.set(`${m.model}.json`, m.plainJson);
  plain.set('landmarks68.json', landmarks.plainJson);
  return { files, names, plain };
}

const cache = new Map<string, AnalysisAssetSet>();

/** The same, built once per set of encodings. */
export function analysisAssets(
  encodings: Readonly<Record<ModelName, EncodingPlan>> = MODEL_ENCODINGS,
): AnalysisAssetSet {
  const key = JSON.stringify(encodings);
  const set = cache.get(key) ?? buildAnalysisAssets(encodings);
  cache.set(key, set);
  return set;
}
