import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readSnippets, snippetsIn } from '../../e2e/consumer/snippets.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The README's examples are the embedding guide's tested steps, word for word. */
describe('the README front door', () => {
  it('quotes the React and the script-tag steps exactly as the consumer test runs them', () => {
    // Throws when a README quote differs from the guide's block under the same marker.
    const steps = readSnippets(ROOT);
    const quoted = snippetsIn(readFileSync(`${ROOT}/README.md`, 'utf8'), 'README.md').map((s) => s.key);
    expect(quoted).toEqual(['run=install', 'file=src/App.tsx', 'run=standalone', 'file=public/onboarding.html', 'file=public/onboarding.js']);
    for (const key of quoted) expect(steps.get(key)?.at).toMatch(/^docs\/embedding\.md:/);
  });
});
