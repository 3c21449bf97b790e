// ESLint for the whole repository: typescript-eslint's recommended rules with types, React's
// hook rules for the adapter, and the project's layers (see `layer` below and docs/architecture.md).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** React and its adapters: the core and the server are framework-free (zustand's vanilla store is fine). */
const REACT_PACKAGES = [
  { name: 'react', message: 'React belongs in src/react.' },
  { name: 'react-dom', message: 'React belongs in src/react.' },
  { name: 'react-webcam', message: 'React belongs in src/react.' },
  { name: '@tanstack/react-query', message: 'Use @tanstack/query-core outside src/react.' },
  { name: 'zustand', message: "Use 'zustand/vanilla' outside src/react." },
];

/**
 * One folder's import rule: no relative import into any of `forbidden` (folders of src), and
 * none of `paths` (packages). Relative only, so a package such as react-dom/server is not a folder.
 */
function layer(files, forbidden, { message, paths = [] }) {
  const folders = forbidden.join('|');
  return {
    files: [files],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths,
          patterns: [
            { regex: `^\\.{1,2}/(\\.\\./)*(src/)?(${folders})/`, message },
            ...(paths.length > 0
              ? [{ group: ['react/*', 'react-dom/*'], message: 'React belongs in src/react.' }]
              : []),
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-*/', 'test-results/', 'playwright-report/', 'e2e/.cache/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs', 'e2e/setup/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      // No escape hatches at module boundaries: typed values in, typed values out.
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/explicit-module-boundary-types': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // Promises handed to event handlers are marked with `void`; everything else is awaited.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // Tests and fakes build partial browser objects on purpose.
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
    },
  },
  {
    files: ['src/react/**/*.{ts,tsx}', 'src/element/**/*.{ts,tsx}', 'src/demo/**/*.{ts,tsx}', 'e2e/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  // The layers, each in its own folder, dependencies pointing one way only:
  //   core ← react ← element, demo;  core ← server;  tooling (build scripts, benchmarks) ← nothing.
  // Tests follow their folder's rule: a core test needing the server's detector lives in server/.
  layer('src/core/**/*.ts', ['react', 'element', 'demo', 'server', 'tooling'], {
    message: 'src/core is the bottom layer: it imports no other folder of src.',
    paths: REACT_PACKAGES,
  }),
  // Inside core, the session sits on top: the lower modules never reach up into it.
  layer(
    'src/core/{api,camera,capture,rules,guidance,analysis,i18n,handoff}/**/*.ts',
    ['react', 'element', 'demo', 'server', 'tooling', 'session'],
    {
      message: 'Lower core modules do not import core/session: shared types live at the bottom of core.',
      paths: REACT_PACKAGES,
    },
  ),
  // Face analysis by side: measurement is pure and shared; the main thread reaches the worker
  // through messages (and the worker's URL), never by importing its code.
  layer(
    'src/core/analysis/measure/**/*.ts',
    ['react', 'element', 'demo', 'server', 'tooling', 'session', 'worker', 'client'],
    {
      message: 'core/analysis/measure is pure: it imports neither the worker nor its client.',
      paths: REACT_PACKAGES,
    },
  ),
  layer('src/core/analysis/client/**/*.ts', ['react', 'element', 'demo', 'server', 'tooling', 'session', 'worker'], {
    message: 'The analysis client talks to the worker by messages: it never imports the worker side.',
    paths: REACT_PACKAGES,
  }),
  layer('src/react/**/*.{ts,tsx}', ['element', 'demo', 'server', 'tooling'], {
    message: 'src/react is the adapter over core: no element, demo, server or tooling.',
  }),
  layer('src/element/**/*.{ts,tsx}', ['demo', 'server', 'tooling'], {
    message: 'src/element builds on react and core only.',
  }),
  layer('src/demo/**/*.{ts,tsx}', ['element', 'server', 'tooling'], {
    message: 'The console demo is a host of the React widget: react and core only.',
  }),
  layer('src/server/**/*.ts', ['react', 'element', 'demo', 'tooling'], {
    message: 'src/server builds on core only (tooling is for build scripts).',
    paths: REACT_PACKAGES,
  }),
  {
    // Matchers such as expect.any() and expect.arrayContaining() are typed `any` by design.
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    // Playwright reads a fixture's dependencies from its destructuring pattern: `{}` means none.
    files: ['e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', 'e2e/setup/**'],
    ...tseslint.configs.disableTypeChecked,
  },
  prettier,
);
