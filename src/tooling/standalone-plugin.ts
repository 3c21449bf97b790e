/**
 * Vite plugin: the standalone bundle (one script tag, React inside) for the plain-HTML
 * onboarding page (public/onboarding.html). The dev server builds it in memory on first
 * request, exactly as shipped (minified, production React), and rebuilds after a source
 * change; `vite build` writes it under the app's output so the production server serves it too.
 */
import { build, type Plugin, type ResolvedConfig } from 'vite';
import { join } from 'node:path';
import { standaloneConfig } from './package-build.ts';

/** Where the page finds the script: `${STANDALONE_PATH}okaylive-capture.js`. */
export const STANDALONE_PATH = '/okaylive/';

type Files = Map<string, { source: string | Uint8Array; type: string }>;

function contentType(name: string): string {
  if (name.endsWith('.js')) return 'text/javascript; charset=utf-8';
  if (name.endsWith('.map')) return 'application/json';
  return 'application/octet-stream';
}

interface OutputFile {
  fileName: string;
  type: 'chunk' | 'asset';
  code?: string;
  source?: string | Uint8Array;
}

function isOutputFile(value: unknown): value is OutputFile {
  return typeof value === 'object' && value !== null && 'fileName' in value && 'type' in value;
}

async function buildInMemory(): Promise<Files> {
  const result = await build(standaloneConfig({ outDir: 'dist/standalone', write: false }));
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r: unknown) =>
    typeof r === 'object' && r !== null && 'output' in r && Array.isArray(r.output) ? (r.output as unknown[]) : [],
  );
  const files: Files = new Map();
  for (const file of outputs) {
    if (!isOutputFile(file)) continue;
    const source = file.type === 'chunk' ? (file.code ?? '') : (file.source ?? '');
    files.set(file.fileName, { source, type: contentType(file.fileName) });
  }
  return files;
}

export function standaloneBundle(): Plugin {
  let pending: Promise<Files> | null = null;
  let config: ResolvedConfig | null = null;
  return {
    name: 'okaylive-standalone-bundle',
    configResolved(resolved) {
      config = resolved;
    },
    configureServer(server) {
      server.watcher.on('change', (file) => {
        if (file.includes(`${join('src', '')}`)) pending = null;
      });
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0] ?? '';
        if (!path.startsWith(STANDALONE_PATH)) return next();
        pending ??= buildInMemory();
        const current = pending;
        current
          .then((files) => {
            const file = files.get(decodeURIComponent(path.slice(STANDALONE_PATH.length)));
            if (!file) {
              res.statusCode = 404;
              res.end();
              return;
            }
            res.setHeader('Content-Type', file.type);
            res.setHeader('Cache-Control', 'no-cache');
            res.end(file.source);
          })
          .catch((error: unknown) => {
            if (pending === current) pending = null;
            server.config.logger.error(`standalone bundle: ${String(error)}`);
            res.statusCode = 500;
            res.end();
          });
      });
    },
    async closeBundle() {
      // Only after the app's own client build, never inside the nested build or the worker's.
      if (!config || config.command !== 'build' || config.build.ssr || config.isWorker) return;
      await build(standaloneConfig({ outDir: join(config.build.outDir, STANDALONE_PATH), write: true }));
    },
  };
}
