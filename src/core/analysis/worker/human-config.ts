import type { Config } from '@vladmandic/human';
import { FACE_CONFIDENCE_FLOOR, MESH_CONFIDENCE_FLOOR } from '../../rules/table.ts';
import { PLAIN_NAMES, wasmFileMap, type AssetNames } from '../assets.ts';

/**
 * Human drops a box (and a mesh) below this: the lower of the rules' two floors, less half of
 * Human's rounding step (it rounds scores to 0.01 before we see them), so nothing the rules
 * would count is dropped, and a weak second box no longer costs a full mesh pass.
 */
const DETECTOR_MIN_CONFIDENCE = Math.min(FACE_CONFIDENCE_FLOOR, MESH_CONFIDENCE_FLOOR) - 0.005;

export interface HumanConfigOptions {
  /** The names the assets are served under (hashed in builds). */
  names?: AssetNames;
}

/**
 * Human set up for guidance only: WASM backend, the face detector, nothing else. Used by the
 * browser worker and by Node tools alike, so both read faces the same way.
 */
export function humanConfig(assetsBaseUrl: string, options: HumanConfigOptions = {}): Partial<Config> {
  const names = options.names ?? PLAIN_NAMES;
  return {
    backend: 'wasm',
    modelBasePath: assetsBaseUrl,
    // Human types this as a folder but hands it to tfjs' setWasmPaths, which also takes a map
    // of each WASM build to its URL: the only way to fetch them under hashed names.
    wasmPath: wasmFileMap(assetsBaseUrl, names) as unknown as string,
    debug: false,
    async: true,
    // Warmup only helps GPU backends; on WASM it costs a full inference before the first frame.
    warmup: 'none',
    // Model files are fetched with HTTP caching; IndexedDB copies outlive a library update.
    cacheModels: false,
    // A looping or still camera must still be re-analysed each frame.
    cacheSensitivity: 0,
    skipAllowed: false,
    // Human's image filters need WebGL; the worker hands it plain pixels.
    filter: { enabled: false },
    gesture: { enabled: false },
    face: {
      enabled: true,
      detector: {
        modelPath: names['blazeface.json'],
        // Corrects in-plane rotation before the mesh, so a tilted head still gets a good mesh and a roll angle.
        rotation: true,
        // Two are enough to tell "too many faces".
        maxDetected: 2,
        minConfidence: DETECTOR_MIN_CONFIDENCE,
        skipFrames: 0,
        skipTime: 0,
      },
      // The landmark network (landmarks68/) reads the face's geometry: no mesh to download.
      mesh: { enabled: false },
      attention: { enabled: false },
      iris: { enabled: false },
      emotion: { enabled: false },
      description: { enabled: false },
      antispoof: { enabled: false },
      liveness: { enabled: false },
    },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    segmentation: { enabled: false },
  };
}
