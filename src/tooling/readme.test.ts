import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readSnippets, snippetsIn } from '../../e2e/consumer/snippets.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The README's examples are the embedding guide's tested steps, word for word. */
describe('the README front door', () => {
  it('quotes the React, the script-tag and the backend steps exactly as the consumer test runs them', () => {
    // Throws when a README quote differs from the guide's block under the same marker.
    const steps = readSnippets(ROOT);
    const quoted = snippetsIn(readFileSync(`${ROOT}/README.md`, 'utf8'), 'README.md').map((s) => s.key);
    expect(quoted).toEqual([
      'run=install',
      'file=src/App.tsx',
      'run=standalone',
      'file=public/onboarding.html',
      'file=public/onboarding.js',
      'run=backend',
      'file=vite.config.ts',
    ]);
    for (const key of quoted) expect(steps.get(key)?.at).toMatch(/^docs\/embedding\.md:/);
  });

  it('the integration guide and the API reference show the three backends as the test runs them', () => {
    const steps = readSnippets(ROOT);
    const keys = (file: string) => snippetsIn(readFileSync(`${ROOT}/${file}`, 'utf8'), file).map((s) => s.key);
    expect(keys('docs/INTEGRATION.md')).toEqual([
      'run=backend',
      'file=server.mjs',
      'file=next:app/api/ekyc/[...route]/route.js',
    ]);
    expect(keys('docs/api.md')).toEqual([
      'file=vite.config.ts',
      'file=server.mjs',
      'file=next:app/api/ekyc/[...route]/route.js',
    ]);
    for (const key of [...keys('docs/INTEGRATION.md'), ...keys('docs/api.md')])
      expect(steps.get(key)?.at).toMatch(/^docs\/embedding\.md:/);
  });
});
