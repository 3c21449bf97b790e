/**
 * What Human's source modules import as `dist/tfjs.esm.js` (the tfjs its own builds bundle):
 * tfjs core, the converter and the WASM backend's path setter. The worker runs Human's face
 * detector from its source (human-face/detector.ts), so only the modules that detector needs
 * are bundled, not Human's every model.
 */
import { version_core } from '@tensorflow/tfjs-core';

export * from '@tensorflow/tfjs-core';
export * from '@tensorflow/tfjs-converter';
export { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
/** Human reads its tfjs version from here (util/env.ts). */
export const version = { 'tfjs-core': version_core };
