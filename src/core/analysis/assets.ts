/**
 * The files the face analysis fetches at run time, relative to the assets base URL. Only the
 * models the rules read: the face detector (boxes, how many faces) and the face mesh (size,
 * eye distance, eyelids, head pose). Iris is left out: it refines the eye contour for gaze,
 * which no rule needs, and costs 2.7 MB and about a fifth of each frame's time; the mesh's own
 * eyelid points are enough to tell open eyes from closed ones.
 */
export const MODEL_FILES = ['blazeface.json', 'blazeface.bin', 'facemesh.json', 'facemesh.bin'] as const;

/**
 * tfjs picks the SIMD build where the browser has WASM SIMD (every current engine), else the
 * plain one. The threaded build is never used: multithreaded WASM breaks under COOP/COEP.
 */
export const WASM_FILES = ['tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm.wasm'] as const;

export const ASSET_FILES: readonly string[] = [...MODEL_FILES, ...WASM_FILES];

/** Same origin by default, so a strict CSP needs nothing beyond 'self' (plus 'wasm-unsafe-eval'). */
export const DEFAULT_ASSETS_BASE_URL = '/okaylive-assets/';

/** Resolves the base against the page, with exactly one trailing slash. */
export function normaliseAssetsBaseUrl(base: string, pageUrl: string): string {
  const absolute = new URL(base || DEFAULT_ASSETS_BASE_URL, pageUrl).href;
  return absolute.endsWith('/') ? absolute : `${absolute}/`;
}
