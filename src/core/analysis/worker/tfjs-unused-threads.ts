/**
 * Stands in for the multithreaded build of tfjs' WASM backend (its Emscripten glue and its
 * pthread worker script): the analysis worker switches multithreading off, so tfjs never
 * calls it. src/tooling/analysis-aliases.ts points the backend's imports here.
 */
export default function threadedWasmUnused(): never {
  throw new Error('multithreaded WASM is switched off in the analysis worker');
}

export const wasmWorkerContents = '';
