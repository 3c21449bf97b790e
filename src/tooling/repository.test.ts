import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The repository explains itself: no file points to documents it does not contain, to issue
 * numbers or to people, and no test reads files from outside the project.
 */
const ROOT = new URL('../..', import.meta.url).pathname;
const SKIP = new Set(['node_modules', '.git', 'dist', 'test-results', 'playwright-report', '.cache', 'screenshots']);
const TEXT = /\.(ts|tsx|mjs|js|json|css|html|md|py|sh)$|^run$/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name) || name.startsWith('dist-') || name === 'package-lock.json') return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : TEXT.test(name) ? [path] : [];
  });
}

const FORBIDDEN: ReadonlyArray<[string, RegExp]> = [
  ['a document outside the repository', /\b(RULES|CONTRACT|ENVIRONMENT)\.md\b/],
  ['an issue number', /\b[Ii]ssue\s+#?\d+/],
  ['a person', /\b[Ee]ngineer [A-Z]\b/],
  ['a folder outside the project', /\.\.\/shared\b/],
];

describe('the repository speaks for itself', () => {
  const all = files(ROOT);

  it('finds the files it checks (the check itself works)', () => {
    expect(all.length).toBeGreaterThan(100);
    expect(all.map((f) => relative(ROOT, f))).toContain('README.md');
    // Assembled, so that this file does not itself hold what it forbids.
    const sample = ['see RULES', '.md, iss', 'ue 12, engin', 'eer B, ..', '/shared/x'].join('');
    expect(FORBIDDEN.map(([, re]) => re.test(sample))).toEqual([true, true, true, true]);
  });

  it.each(FORBIDDEN)('no file names %s', (_what, pattern) => {
    // This file names the patterns themselves.
    const hits = all
      .filter((f) => !f.endsWith('repository.test.ts') && pattern.test(readFileSync(f, 'utf8')))
      .map((f) => relative(ROOT, f));
    expect(hits).toEqual([]);
  });
});
