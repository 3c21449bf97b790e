/**
 * The files the face analysis fetches at run time, relative to the assets base URL. Only the
 * models the rules read: Human's face detector (boxes, how many faces) and face-api's 68-point
 * landmark network (size, place, outline, eye distance, eyelids, head pose). Human's face mesh
 * (1.4 MB) and iris (2.7 MB) are left out: the landmarks give every reading the rules take
 * from them in 77 KB.
 */
export const MODEL_NAMES = ['blazeface'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

/** face-api's tiny 68-point landmark network: its weights manifest and its one weights file. */
export const LANDMARK_FILES = ['landmarks68.json', 'landmarks68.bin'] as const;

export const MODEL_FILES = ['blazeface.json', 'blazeface.bin', ...LANDMARK_FILES] as const;

/**
 * tfjs picks the SIMD build where the browser has WASM SIMD (every current engine), else the
 * plain one. The threaded build is never used: multithreaded WASM breaks under COOP/COEP.
 */
export const WASM_FILES = ['tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm.wasm'] as const;

export const ASSET_FILES = [...MODEL_FILES, ...WASM_FILES] as const;
export type AssetFile = (typeof ASSET_FILES)[number];

/** The name each file is served under: content-hashed in builds (`blazeface.3fa9c2d1e0.bin`). */
export type AssetNames = Readonly<Record<AssetFile, string>>;

export const PLAIN_NAMES: AssetNames = Object.fromEntries(ASSET_FILES.map((f) => [f, f])) as Record<AssetFile, string>;

/**
 * Baked in by the build (src/server/assets/analysis-assets.ts through Vite's `define`), so the
 * worker knows the hashed names without fetching a manifest first. Absent when the source
 * runs unbundled (Node tools): the plain names.
 */
declare const __OKAYLIVE_ASSET_NAMES__: Partial<Record<string, string>> | undefined;

export function bakedAssetNames(): AssetNames {
  const baked = typeof __OKAYLIVE_ASSET_NAMES__ === 'object' ? __OKAYLIVE_ASSET_NAMES__ : undefined;
  if (!baked) return PLAIN_NAMES;
  return Object.fromEntries(ASSET_FILES.map((f) => [f, baked[f] ?? f])) as Record<AssetFile, string>;
}

/** Same origin by default, so a strict CSP needs nothing beyond 'self' (plus 'wasm-unsafe-eval'). */
export const DEFAULT_ASSETS_BASE_URL = '/okaylive-assets/';

/** Resolves the base against the page, with exactly one trailing slash. */
export function normaliseAssetsBaseUrl(base: string, pageUrl: string): string {
  const absolute = new URL(base || DEFAULT_ASSETS_BASE_URL, pageUrl).href;
  return absolute.endsWith('/') ? absolute : `${absolute}/`;
}

/**
 * tfjs' WASM backend takes either a folder (fixed file names) or a map of every build to a
 * URL. The threaded build is never fetched (multithreading is switched off), but the map must
 * name it: it points at the SIMD file.
 */
export function wasmFileMap(base: string, names: AssetNames): Record<string, string> {
  const simd = `${base}${names['tfjs-backend-wasm-simd.wasm']}`;
  return {
    'tfjs-backend-wasm.wasm': `${base}${names['tfjs-backend-wasm.wasm']}`,
    'tfjs-backend-wasm-simd.wasm': simd,
    'tfjs-backend-wasm-threaded-simd.wasm': simd,
  };
}
