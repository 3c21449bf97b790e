// ESLint for the whole repository: typescript-eslint's recommended rules with types, React's
// hook rules for the adapter, and the project's own boundaries (the core never imports React).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-*/', 'test-results/', 'playwright-report/', 'e2e/.cache/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', '*.mjs', 'e2e/setup/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      // No escape hatches at module boundaries: typed values in, typed values out.
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/explicit-module-boundary-types': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
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
  {
    // The framework-free core: React lives in src/react only (zustand's vanilla store is fine).
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'react', message: 'src/core is framework-free: React belongs in src/react.' },
            { name: 'react-dom', message: 'src/core is framework-free.' },
            { name: 'react-webcam', message: 'src/core is framework-free.' },
            { name: '@tanstack/react-query', message: 'Use @tanstack/query-core in src/core.' },
            { name: 'zustand', message: "Use 'zustand/vanilla' in src/core." },
          ],
          patterns: [{ group: ['react/*', 'react-dom/*', '**/react/**'], message: 'src/core must not import the React adapter.' }],
        },
      ],
    },
  },
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
