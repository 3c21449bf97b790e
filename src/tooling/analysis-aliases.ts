import { fileURLToPath } from 'node:url';
import type { Alias } from 'vite';

/**
 * The analysis worker runs Human's face detector from Human's TypeScript source
 * (core/analysis/worker/human-face/), not Human's bundle: the `Human` class carries every model's code
 * (~50 KiB of brotli), the detector needs a few modules. Those modules import their tfjs as
 * `dist/tfjs.esm.js`, which is tfjs core, the converter and the WASM backend here. The
 * backends the worker never runs are replaced by an empty module: tfjs' packages register
 * themselves when imported, so nothing would shake them out. That includes the CPU backend
 * (~65 KB of brotli): the WASM backend has every kernel the detector and the landmark network
 * run and takes the few shared helpers it needs from the CPU package's `dist/shared`, which
 * stays. The WASM backend's multithreaded build (~13 KB of brotli of Emscripten glue) goes too:
 * the worker switches multithreading off. Every build that contains the worker (the app, the
 * package, the standalone script, the size benchmark) must use these.
 */
export const ANALYSIS_ALIASES: Alias[] = [
  {
    find: /^human-source\/(.*)$/,
    replacement: `${fileURLToPath(new URL('../../node_modules/@vladmandic/human/src/', import.meta.url))}$1`,
  },
  {
    find: /^dist\/tfjs\.esm\.js$/,
    replacement: fileURLToPath(new URL('../core/analysis/worker/human-face/tfjs.ts', import.meta.url)),
  },
  {
    find: /^@tensorflow\/tfjs-backend-(webgl|webgpu|cpu)(\/dist\/index\.js)?$/,
    replacement: fileURLToPath(new URL('../core/analysis/worker/tfjs-unused-backend.ts', import.meta.url)),
  },
  {
    find: /^\.\.\/wasm-out\/tfjs-backend-wasm-threaded-simd(\.worker)?\.js$/,
    replacement: fileURLToPath(new URL('../core/analysis/worker/tfjs-unused-threads.ts', import.meta.url)),
  },
];
