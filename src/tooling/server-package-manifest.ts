/**
 * The server package's package.json (`okaylive-capture-server`), generated beside the widget's
 * by `npm run build:server-package`. Its core needs sharp (image checks), busboy (multipart),
 * ioredis (shared state) and fetch-to-node (the Fetch face); the reference engine's analysis
 * stack is an optional peer, so an upstream-only install does not pull it in.
 */
import type { RootManifest } from './package-manifest.ts';

export const SERVER_PACKAGE_NAME = 'okaylive-capture-server';

/** Entry → the built file under lib/ and its declarations under types/. */
export const SERVER_ENTRIES = {
  '.': { lib: 'index', types: 'server/package/index' },
  './next': { lib: 'next', types: 'server/package/next' },
  './reference': { lib: 'reference', types: 'server/package/reference' },
} as const;

export const SERVER_DEPENDENCIES = ['sharp', 'busboy', 'ioredis', 'fetch-to-node'] as const;

/** Only `okaylive-capture-server/reference` loads these. */
export const REFERENCE_PEERS = [
  'piscina',
  '@vladmandic/human',
  '@vladmandic/face-api',
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-converter',
  '@tensorflow/tfjs-backend-wasm',
  '@petamoriken/float16',
] as const;

export interface ServerManifest {
  name: string;
  version: string;
  description: string;
  license: string;
  type: 'module';
  exports: Record<string, { types: string; default: string }>;
  files: string[];
  engines: Record<string, string>;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional: true }>;
}

function versionOf(root: RootManifest, name: string): string {
  const version = root.dependencies[name];
  if (!version) throw new Error(`${name} is not a dependency of the repository`);
  return version;
}

export function serverManifest(root: RootManifest): ServerManifest {
  return {
    name: SERVER_PACKAGE_NAME,
    version: root.version,
    description:
      "The backend half of okaylive-capture: the widget's two API routes for your own server (Node, Express, Next.js)",
    license: root.license,
    type: 'module',
    exports: Object.fromEntries(
      Object.entries(SERVER_ENTRIES).map(([path, entry]) => [
        path,
        { types: `./types/${entry.types}.d.ts`, default: `./lib/${entry.lib}.js` },
      ]),
    ),
    files: ['lib', 'types'],
    engines: { node: '>=20.19' },
    dependencies: Object.fromEntries(SERVER_DEPENDENCIES.map((name) => [name, versionOf(root, name)])),
    peerDependencies: Object.fromEntries(REFERENCE_PEERS.map((name) => [name, versionOf(root, name)])),
    peerDependenciesMeta: Object.fromEntries(REFERENCE_PEERS.map((name) => [name, { optional: true as const }])),
  };
}
