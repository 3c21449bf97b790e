import { fileURLToPath } from 'node:url';
import type { Alias } from 'vite';

/**
 * The analysis worker uses Human's no-bundle build with only the tfjs parts it needs (core,
 * converter, the WASM backend): about 110 KB less gzip than Human's own bundle. Human imports
 * each tfjs package whole (`import * as`) and re-exports it, so nothing in them is shaken
 * out: the backends the worker never runs are replaced by an empty module. That includes the
 * CPU backend (~65 KB of brotli): the WASM backend has every kernel the detector and mesh run
 * and takes the few shared helpers it needs from the CPU package's `dist/shared`, which stays.
 * The WASM backend's multithreaded build (~13 KB of brotli of Emscripten glue) goes too: the
 * worker switches multithreading off. Every build that contains the worker (the app, the
 * package, the standalone script, the size benchmark) must use these, or it silently falls
 * back to the full bundle.
 */
export const ANALYSIS_ALIASES: Alias[] = [
  { find: /^@vladmandic\/human$/, replacement: fileURLToPath(new URL('../../node_modules/@vladmandic/human/dist/human.esm-nobundle.js', import.meta.url)) },
  {
    find: /^@tensorflow\/tfjs-backend-(webgl|webgpu|cpu)(\/dist\/index\.js)?$/,
    replacement: fileURLToPath(new URL('../core/analysis/tfjs-unused-backend.ts', import.meta.url)),
  },
  {
    find: /^\.\.\/wasm-out\/tfjs-backend-wasm-threaded-simd(\.worker)?\.js$/,
    replacement: fileURLToPath(new URL('../core/analysis/tfjs-unused-threads.ts', import.meta.url)),
  },
];
