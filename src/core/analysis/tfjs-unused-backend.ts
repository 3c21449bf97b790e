/**
 * Stands in for the tfjs backends the analysis worker never uses (WebGL, WebGPU): Human's
 * no-bundle build imports them, vite.config.ts points those imports here.
 */
export {};
