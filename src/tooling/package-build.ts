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
import { analysisAssets } from './analysis-assets.ts';
import { assetNamesDefine } from './human-assets.ts';
import { trimHuman } from './human-trim.ts';
import { precompress } from './precompress.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Package subpath → source entry (package.json `exports` mirrors this). */
export const LIBRARY_ENTRIES: Readonly<Record<string, string>> = {
  index: 'src/react/index.ts',
  core: 'src/core/index.ts',
  element: 'src/element/index.ts',
  locales: 'src/core/i18n/locales.ts',
  'locales/ms': 'src/core/i18n/ms.ts',
  'locales/id': 'src/core/i18n/id.ts',
  'locales/zh': 'src/core/i18n/zh.ts',
};

export const STANDALONE_ENTRY = 'src/element/standalone.ts';
export const STANDALONE_FILE = 'okaylive-capture.js';

/** Left to the host: React as a peer, the rest as regular dependencies it may share. */
export const LIBRARY_EXTERNALS: readonly RegExp[] = [
  /^react($|\/)/,
  /^react-dom($|\/)/,
  /^@tanstack\/react-query($|\/)/,
  /^@tanstack\/query-core($|\/)/,
  /^zustand($|\/)/,
  /^react-webcam$/,
];

interface BuildOptions {
  outDir: string;
  /** false: keep the output in memory (dev server, benchmark). */
  write?: boolean;
  minify?: boolean;
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
    worker: { format: 'es', plugins: () => [trimHuman()], rolldownOptions: { output: { minify: true } } },
    build: {
      outDir: options.outDir,
      emptyOutDir: options.write !== false,
      write: options.write !== false,
      target: 'es2022',
      minify: options.minify ?? true,
      sourcemap: options.write !== false,
      reportCompressedSize: false,
      copyPublicDir: false,
    },
  };
}

export function libraryConfig(options: BuildOptions): InlineConfig {
  const base = common(options);
  return {
    ...base,
    build: {
      ...base.build,
      cssCodeSplit: false,
      lib: {
        entry: Object.fromEntries(Object.entries(LIBRARY_ENTRIES).map(([name, file]) => [name, `${ROOT}/${file}`])),
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
    plugins: [...(base.plugins ?? []), dropExtractedCss(), ...(options.write === false ? [] : [precompress()])],
    experimental: {
      // Files emitted beside the script (the worker) resolve against the script's address, not the page's.
      renderBuiltUrl: (filename, { hostType }) =>
        hostType === 'js' ? { runtime: `new URL(${JSON.stringify(filename)}, ${SCRIPT_URL}).href` } : { relative: true },
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
