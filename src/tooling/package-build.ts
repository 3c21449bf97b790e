/**
 * Vite configurations of the two shipped builds, as functions so that the package build,
 * the dev server (which serves the standalone bundle to the demo page) and the size
 * benchmark all build exactly the same thing.
 *
 * - library: ESM for bundlers, one file per entry, React and the small runtime libraries left
 *   to the host (peer / regular dependencies), one stylesheet (style.css).
 * - standalone: one IIFE script with React inside, for `<script src>` on any page; exposes
 *   `window.OkayLive` and defines `<okaylive-capture>`.
 * The face-analysis worker is emitted beside each build as its own file and loaded lazily,
 * minified in both (a host's bundler copies it as it is), with the hashed names of the
 * analysis assets `build:package` puts in okaylive-assets/ baked in.
 */
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import type { InlineConfig, Plugin } from 'vite';
import { ANALYSIS_ALIASES } from './analysis-aliases.ts';
import { analysisAssets } from '../server/assets/analysis-assets.ts';
import { assetNamesDefine } from './human-assets.ts';
import { precompress } from './precompress.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Package subpath → source entry (the generated package.json's `exports` mirrors this: package-manifest.ts). */
export const LIBRARY_ENTRIES: Readonly<Record<string, string>> = {
  index: 'src/react/index.ts',
  core: 'src/core/index.ts',
  element: 'src/element/index.ts',
  locales: 'src/core/i18n/locales.ts',
  'locales/ms': 'src/core/i18n/ms.ts',
  'locales/id': 'src/core/i18n/id.ts',
  'locales/zh': 'src/core/i18n/zh.ts',
  'locales/th': 'src/core/i18n/th.ts',
  'locales/vi': 'src/core/i18n/vi.ts',
  'locales/fil': 'src/core/i18n/fil.ts',
  'locales/ta': 'src/core/i18n/ta.ts',
};

/**
 * Entries that render with React. Their built files start with 'use client' (Rollup drops
 * module directives from sources), and under the `react-server` export condition they resolve
 * to React-free stand-ins, built as `<entry>.react-server.js`: a Server Component's bundler (or
 * Node with `--conditions=react-server`) can import them without the hooks React lacks there.
 */
export const CLIENT_ENTRIES: Readonly<Record<string, string>> = {
  index: 'src/react/server.ts',
  element: 'src/element/server.ts',
};

export const STANDALONE_ENTRY = 'src/element/standalone.ts';
export const STANDALONE_FILE = 'okaylive-capture.js';

/** Left to the host: React as a peer. */
export const LIBRARY_PEERS: readonly string[] = ['react', 'react-dom'];
/** Imported by the library and installed with it (a host that has them shares them). */
export const LIBRARY_DEPENDENCIES: readonly string[] = [
  '@tanstack/query-core',
  '@tanstack/react-query',
  'react-webcam',
  'zustand',
];

/** Not bundled into the library: the peers and dependencies above, and their subpaths (react/jsx-runtime). */
export const LIBRARY_EXTERNALS: readonly RegExp[] = [...LIBRARY_PEERS, ...LIBRARY_DEPENDENCIES].map(
  (name) => new RegExp(`^${name.replace(/[/.]/g, '\\$&')}($|/)`),
);

/**
 * The browsers the shipped code is written for (syntax only; nothing is polyfilled). Vite's own
 * default, "baseline widely available" (Chrome and Edge 107, Firefox 104, Safari 16), raised
 * where the widget cannot work without an API: module workers (Firefox 114) and OffscreenCanvas
 * in the worker (Safari 16.4, iOS 16.4). docs/browsers.md, "Build targets", says the same.
 */
export const BROWSER_TARGETS: readonly string[] = ['chrome107', 'edge107', 'firefox114', 'safari16.4', 'ios16.4'];

interface BuildOptions {
  outDir: string;
  /** false: keep the output in memory (dev server, benchmark). */
  write?: boolean;
  minify?: boolean;
  /** Default: with the files written. The package ships none (its worker's map alone is 8 MB). */
  sourcemap?: boolean;
  /** Standalone written to disk: .br/.gz siblings (default). The package leaves them to `npx okaylive-assets`. */
  precompress?: boolean;
}

function common(options: BuildOptions): InlineConfig {
  return {
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    publicDir: false,
    // Emitted files (the analysis worker) are found relative to the script, wherever it is served from.
    base: './',
    plugins: [react()],
    resolve: { alias: ANALYSIS_ALIASES },
    define: assetNamesDefine(analysisAssets().names),
    // Production JSX even when built from inside the dev server, where NODE_ENV is "development".
    mode: 'production',
    oxc: { jsx: { development: false } },
    worker: { format: 'es', rolldownOptions: { output: { minify: true } } },
    build: {
      outDir: options.outDir,
      emptyOutDir: options.write !== false,
      write: options.write !== false,
      target: [...BROWSER_TARGETS],
      minify: options.minify ?? true,
      sourcemap: options.sourcemap ?? options.write !== false,
      reportCompressedSize: false,
      copyPublicDir: false,
    },
  };
}

/** Puts 'use client' first in the chunks of the entries that render with React, once. */
function useClientDirective(entries: readonly string[]): Plugin {
  return {
    name: 'okaylive-use-client',
    renderChunk(code, chunk) {
      if (!chunk.isEntry || !entries.includes(chunk.name) || /^['"]use client['"]/.test(code)) return null;
      return { code: `'use client';\n${code}`, map: null };
    },
  };
}

/** Every library entry with its source: the entries, and the react-server stand-ins of the client ones. */
export function libraryInputs(): Record<string, string> {
  const inputs: Record<string, string> = { ...LIBRARY_ENTRIES };
  for (const [entry, stand] of Object.entries(CLIENT_ENTRIES)) inputs[`${entry}.react-server`] = stand;
  return Object.fromEntries(Object.entries(inputs).map(([name, file]) => [name, `${ROOT}/${file}`]));
}

export function libraryConfig(options: BuildOptions): InlineConfig {
  const base = common(options);
  return {
    ...base,
    plugins: [...(base.plugins ?? []), useClientDirective(Object.keys(CLIENT_ENTRIES))],
    build: {
      ...base.build,
      cssCodeSplit: false,
      lib: {
        entry: libraryInputs(),
        formats: ['es'],
        cssFileName: 'style',
      },
      rollupOptions: {
        external: (id: string) => LIBRARY_EXTERNALS.some((pattern) => pattern.test(id)),
      },
    },
  };
}

/**
 * The standalone script takes its styles as a string (adopted into each shadow root), so the
 * stylesheet Vite also extracts from the React component's CSS import would be dead weight.
 */
function dropExtractedCss(): Plugin {
  return {
    name: 'okaylive-drop-extracted-css',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const name of Object.keys(bundle)) if (name.endsWith('.css')) delete bundle[name];
    },
  };
}

/**
 * An IIFE has no import.meta.url, yet the worker is loaded relative to it: stand in the
 * script's own address, read while the script runs (document.currentScript is only set then).
 */
const SCRIPT_URL = '__okaylive_script_url__';
const SCRIPT_URL_INTRO = `var ${SCRIPT_URL} = (typeof document !== 'undefined' && document.currentScript && document.currentScript.src) || (typeof location !== 'undefined' ? location.href : '');`;

export function standaloneConfig(options: BuildOptions): InlineConfig {
  const base = common(options);
  return {
    ...base,
    // Written to disk, it gets .br/.gz siblings; in memory (dev server, size benchmark) it does not.
    plugins: [
      ...(base.plugins ?? []),
      dropExtractedCss(),
      ...(options.write === false || options.precompress === false ? [] : [precompress()]),
    ],
    experimental: {
      // Files emitted beside the script (the worker) resolve against the script's address, not the page's.
      renderBuiltUrl: (filename, { hostType }) =>
        hostType === 'js'
          ? { runtime: `new URL(${JSON.stringify(filename)}, ${SCRIPT_URL}).href` }
          : { relative: true },
    },
    // Lib mode leaves process.env.NODE_ENV to the host's bundler; a script tag has none.
    define: { ...base.define, 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      ...base.build,
      cssCodeSplit: false,
      lib: {
        entry: `${ROOT}/${STANDALONE_ENTRY}`,
        name: 'OkayLive',
        formats: ['iife'],
        fileName: () => STANDALONE_FILE,
        cssFileName: 'okaylive-capture',
      },
      rollupOptions: {
        transform: { define: { 'import.meta.url': SCRIPT_URL } },
        output: { intro: SCRIPT_URL_INTRO },
      },
    },
  };
}

/**
 * A Node 20 build of this repository's own scripts (the server package, the assets CLI): ESM,
 * unminified, nothing from the app's vite.config.ts.
 */
export function nodeBuild(outDir: string, build: NonNullable<InlineConfig['build']>): InlineConfig {
  return {
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    publicDir: false,
    build: { outDir, emptyOutDir: true, target: 'node20', minify: false, ...build },
  };
}
