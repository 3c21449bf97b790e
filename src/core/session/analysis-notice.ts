import type { AnalysisFailure } from '../analysis/protocol.ts';
import type { AnalysisUnavailable } from './types.ts';

/** What a developer does about each way guidance becomes unavailable. */
export const ANALYSIS_FIXES: Readonly<Record<AnalysisFailure, string>> = {
  NO_WORKER:
    "the analysis worker could not be started. Under a bundler that rewrites it to a non-http URL (Next.js), pass workerUrl (worker-url) pointing at the worker `npx okaylive-assets` copies, served from the page origin; a CSP needs worker-src 'self'.",
  NO_WASM: 'this browser has no WebAssembly (or it is disabled by policy): guidance cannot run here.',
  LOAD_FAILED:
    "the models or WASM could not be fetched or compiled: check that assetsBaseUrl serves the files `npx okaylive-assets` copies (run it again after an upgrade), and that the page's CSP allows script-src 'wasm-unsafe-eval'.",
  LOAD_TIMEOUT:
    'the models did not load in time: check the network, and that assetsBaseUrl answers quickly (compressed, cached).',
  WRONG_BACKEND:
    "the WASM backend could not initialise: check the CSP's 'wasm-unsafe-eval' and that the .wasm files are served with Content-Type application/wasm.",
};

/** The host's notification that guidance is unavailable: the flow goes on with manual capture. */
export function analysisNotice(reason: AnalysisFailure, cause: string | null = null): AnalysisUnavailable {
  const fix = `Face analysis unavailable (${reason}): ${ANALYSIS_FIXES[reason]}`;
  return {
    code: 'ANALYSIS_UNAVAILABLE',
    source: 'analysis',
    retryable: false,
    reason,
    detail: cause ? `${fix} Cause: ${cause}` : fix,
  };
}
