/**
 * Vite plugin: the face-analysis assets (re-encoded models, tfjs WASM; analysis-assets.ts)
 * under the widget's default assets base URL, same origin. A build emits them under their
 * content-hashed names and bakes those names into the bundle (`define`), so the worker asks
 * for them without a manifest round trip. The dev server serves them from memory, under the
 * hashed names (for bundles built by the dev server, such as the standalone script) and the
 * plain ones, which its own pages use: nothing is cached there, and tests can intercept a
 * model by its plain name. Nothing is fetched from a CDN and nothing generated is committed.
 */
import type { Plugin } from 'vite';
import { DEFAULT_ASSETS_BASE_URL, PLAIN_NAMES, type AssetNames } from '../core/analysis/assets.ts';
import { analysisAssets } from '../server/assets/analysis-assets.ts';

/** The `define` that tells a bundle's worker the names its assets are served under. */
export function assetNamesDefine(names: AssetNames): Record<string, string> {
  return { __OKAYLIVE_ASSET_NAMES__: JSON.stringify(names) };
}

function contentType(name: string): string {
  if (name.endsWith('.wasm')) return 'application/wasm';
  if (name.endsWith('.json')) return 'application/json';
  return 'application/octet-stream';
}

/** Served name → bytes: every asset under its hashed and its plain name (plain JSON naming the plain .bin). */
export function devAssetFiles(): Map<string, Uint8Array> {
  const { files, plain } = analysisAssets();
  return new Map<string, Uint8Array>([...files.map((f) => [f.name, f.bytes] as const), ...plain]);
}

export function humanAssets(prefix: string = DEFAULT_ASSETS_BASE_URL): Plugin {
  return {
    name: 'okaylive-human-assets',
    config(_config, env) {
      return { define: assetNamesDefine(env.command === 'build' ? analysisAssets().names : PLAIN_NAMES) };
    },
    configureServer(server) {
      let files: Map<string, Uint8Array> | null = null;
      // Made when the server starts listening, not on the page's first request for a model.
      server.httpServer?.once('listening', () => setTimeout(() => (files ??= devAssetFiles())));
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0] ?? '';
        if (!path.startsWith(prefix)) return next();
        files ??= devAssetFiles();
        const name = path.slice(prefix.length);
        const bytes = files.get(name);
        if (!bytes) {
          res.statusCode = 404;
          res.end();
          return;
        }
        res.setHeader('Content-Type', contentType(name));
        res.setHeader('Content-Length', String(bytes.length));
        res.setHeader('Cache-Control', 'no-cache');
        res.end(bytes);
      });
    },
    generateBundle() {
      for (const f of analysisAssets().files) {
        this.emitFile({ type: 'asset', fileName: `${prefix.replace(/^\/+/, '')}${f.name}`, source: f.bytes });
      }
    },
  };
}
