/**
 * Vite plugin: serves the face-analysis assets (Human models, tfjs WASM) from node_modules in
 * development and copies them into the build, under the widget's default assets base URL.
 * Nothing is fetched from a CDN and nothing generated is committed.
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import { DEFAULT_ASSETS_BASE_URL, MODEL_FILES, WASM_FILES } from '../core/analysis/assets.ts';

const require = createRequire(import.meta.url);

/** Absolute path of each served file, by name. */
export function humanAssetFiles(): Map<string, string> {
  const models = join(dirname(dirname(require.resolve('@vladmandic/human'))), 'models');
  const wasm = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
  return new Map<string, string>([
    ...MODEL_FILES.map((f) => [f, join(models, f)] as const),
    ...WASM_FILES.map((f) => [f, join(wasm, f)] as const),
  ]);
}

function contentType(name: string): string {
  if (name.endsWith('.wasm')) return 'application/wasm';
  if (name.endsWith('.json')) return 'application/json';
  return 'application/octet-stream';
}

export function humanAssets(prefix: string = DEFAULT_ASSETS_BASE_URL): Plugin {
  const files = humanAssetFiles();
  return {
    name: 'okaylive-human-assets',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0] ?? '';
        if (!path.startsWith(prefix)) return next();
        const file = files.get(path.slice(prefix.length));
        if (!file) {
          res.statusCode = 404;
          res.end();
          return;
        }
        res.setHeader('Content-Type', contentType(file));
        res.setHeader('Content-Length', String(statSync(file).size));
        res.setHeader('Cache-Control', 'public, max-age=86400');
        createReadStream(file).pipe(res);
      });
    },
    generateBundle() {
      for (const [name, file] of files) {
        this.emitFile({ type: 'asset', fileName: `${prefix.replace(/^\/+/, '')}${name}`, source: readFileSync(file) });
      }
    },
  };
}
