/**
 * Stands in for the tfjs backends the analysis worker never runs (WebGL, WebGPU, CPU): Human's
 * no-bundle build imports them whole, src/tooling/analysis-aliases.ts points those imports here.
 */
export {};
