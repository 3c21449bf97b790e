import { fileURLToPath } from 'node:url';
import type { Alias } from 'vite';

/**
 * The analysis worker uses Human's no-bundle build with only the tfjs parts it needs (core,
 * converter, CPU + WASM backends): about 110 KB less gzip than Human's own bundle. Every build
 * that contains the worker (the app, the package, the standalone script, the size benchmark)
 * must use these, or it silently falls back to the full bundle.
 */
export const ANALYSIS_ALIASES: Alias[] = [
  { find: /^@vladmandic\/human$/, replacement: fileURLToPath(new URL('../../node_modules/@vladmandic/human/dist/human.esm-nobundle.js', import.meta.url)) },
  { find: /^@tensorflow\/tfjs-backend-(webgl|webgpu)(\/dist\/index\.js)?$/, replacement: fileURLToPath(new URL('../core/analysis/tfjs-unused-backend.ts', import.meta.url)) },
];
