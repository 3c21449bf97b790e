import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The console is documentation of the public API: it may import the widget only through the
 * package's entry points (the root, `core`, `locales`), never a private module.
 */
const PUBLIC = new Set(['../react/index.ts', '../core/index.ts', '../core/i18n/locales.ts']);
const dir = new URL('./', import.meta.url);

function importsOf(source: string): string[] {
  return [...source.matchAll(/\bfrom\s+'([^']+)'|\bimport\s+'([^']+)'/g)].map((m) => m[1] ?? m[2] ?? '');
}

describe('the console uses the public API only', () => {
  const files = readdirSync(dir).filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'));

  it.each(files)('%s imports the widget through its entry points only', (file) => {
    const outside = importsOf(readFileSync(new URL(file, dir), 'utf8')).filter((path) => path.startsWith('../'));
    expect(outside.filter((path) => !PUBLIC.has(path))).toEqual([]);
  });

  it('finds the imports it checks (the check itself works)', () => {
    expect(importsOf("import { a } from '../core/rules/table.ts';\nimport './x.css';")).toEqual([
      '../core/rules/table.ts',
      './x.css',
    ]);
    expect(files).toContain('Console.tsx');
  });
});
