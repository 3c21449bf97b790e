import { ESLint, Linter } from 'eslint';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });
const linter = new Linter({ configType: 'flat' });

/** Lints one planted import with the repository's own import rule for that file's folder. */
async function problems(file: string, specifier: string): Promise<string[]> {
  const config = (await eslint.calculateConfigForFile(file)) as { rules?: Record<string, Linter.RuleEntry> };
  const rule = config.rules?.['no-restricted-imports'];
  const messages = linter.verify(
    `import { x } from '${specifier}';\nexport const y = x;\n`,
    [
      {
        files: ['**/*.ts', '**/*.tsx'],
        languageOptions: { parser: tseslint.parser },
        rules: rule ? { 'no-restricted-imports': rule } : {},
      },
    ],
    file,
  );
  return messages.map((m) => m.message);
}

describe('the layers are enforced by lint: a planted import across them fails', () => {
  it.each([
    ['src/core/rules/planted.ts', '../../react/index.ts'],
    ['src/core/rules/planted.ts', '../../server/api.ts'],
    ['src/core/analysis/worker/planted.ts', '../../../tooling/bench-size.ts'],
    ['src/core/api/planted.ts', '../session/types.ts'],
    ['src/core/camera/planted.ts', '../session/session.ts'],
    ['src/core/planted.ts', 'react'],
    ['src/core/planted.ts', 'react-dom/client'],
    ['src/react/planted.tsx', '../element/element.ts'],
    ['src/react/views/planted.tsx', '../../server/api.ts'],
    ['src/element/planted.ts', '../demo/Console.tsx'],
    ['src/demo/planted.tsx', '../element/mount.tsx'],
    ['src/server/planted.ts', '../tooling/bench-size.ts'],
    ['src/server/reference/planted.ts', '../../react/index.ts'],
    ['src/server/planted.ts', 'react'],
    ['src/core/analysis/measure/planted.ts', '../worker/image-batch.ts'],
    ['src/core/analysis/measure/planted.ts', '../client/client.ts'],
    ['src/core/analysis/client/planted.ts', '../worker/worker-models.ts'],
    ['src/core/analysis/client/planted.ts', '../../session/session.ts'],
  ])('%s importing %s', async (file, specifier) => {
    expect(await problems(file, specifier)).not.toEqual([]);
  });

  it.each([
    ['src/core/session/planted.ts', '../api/client.ts'],
    ['src/core/guidance/planted.ts', '../rules/table.ts'],
    ['src/core/planted.ts', 'zustand/vanilla'],
    ['src/react/planted.tsx', '../core/index.ts'],
    ['src/react/planted.tsx', 'react-dom/server'],
    ['src/element/planted.ts', '../react/index.ts'],
    ['src/server/package/planted.ts', '../../core/rules/requirements.ts'],
    ['src/tooling/planted.ts', '../server/assets/analysis-assets.ts'],
    ['src/core/analysis/client/planted.ts', '../protocol.ts'],
    ['src/core/analysis/worker/planted.ts', '../measure/measure.ts'],
  ])('%s may import %s', async (file, specifier) => {
    expect(await problems(file, specifier)).toEqual([]);
  });
});
