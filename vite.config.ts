/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { readConfig } from './src/server/config/config.ts';
import { createEkycMiddleware } from './src/server/handler.ts';
import { ANALYSIS_ALIASES } from './src/tooling/analysis-aliases.ts';
import { humanAssets } from './src/tooling/human-assets.ts';
import { precompress } from './src/tooling/precompress.ts';
import { standaloneBundle } from './src/tooling/standalone-plugin.ts';

/** Mounts the OkayLive-compatible API (reference engine or upstream proxy) on Vite's servers. */
function okayLiveApi(): Plugin {
  return {
    name: 'okaylive-api',
    configureServer(server) {
      const api = createEkycMiddleware(readConfig());
      server.middlewares.use(api);
      // Load the reference engine's models when the server starts listening, not on the first
      // upload (Vitest also runs this hook, but never listens: no models there).
      server.httpServer?.once('listening', () => void api.ready.catch(() => undefined));
    },
    configurePreviewServer(server) {
      const api = createEkycMiddleware(readConfig());
      server.middlewares.use(api);
      server.httpServer?.once('listening', () => void api.ready.catch(() => undefined));
    },
  };
}

export default defineConfig({
  // humanAssets: face-analysis models and WASM under /okaylive-assets/, same origin, hashed names in builds (src/tooling/human-assets.ts).
  // standaloneBundle: the one-script-tag build at /okaylive/, for public/onboarding.html (src/tooling/standalone-plugin.ts).
  // precompress: .br and .gz beside every text, WASM and model file of a build (src/tooling/precompress.ts).
  plugins: [react(), okayLiveApi(), humanAssets(), standaloneBundle(), precompress()],
  worker: { format: 'es' },
  resolve: { alias: ANALYSIS_ALIASES },
  // Pre-bundled at start: found only inside the analysis worker, it would otherwise trigger a
  // re-optimisation and a full page reload on the first visit.
  optimizeDeps: { include: ['@tensorflow/tfjs-core', '@tensorflow/tfjs-converter', '@tensorflow/tfjs-backend-wasm'] },
  server: {
    port: Number(process.env.PORT ?? 5173),
    strictPort: true,
    host: 'localhost',
    // Transform the page and the analysis worker (Human, tfjs) at start, not on the first
    // visit: on a 2-core machine that first visit otherwise waits for the whole graph.
    warmup: { clientFiles: ['./src/demo/main.tsx', './src/core/analysis/worker/worker.ts'] },
  },
  preview: { port: Number(process.env.PORT ?? 4173), strictPort: true, host: 'localhost' },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
  },
});
