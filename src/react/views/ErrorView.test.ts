import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimatedProgress } from './ProgressView.tsx';

describe('estimatedProgress', () => {
  it('rises with time and never claims to be done', () => {
    const values = [0, 1, 2, 3, 5, 10, 30, 300].map(estimatedProgress);
    expect(values[0]).toBe(0);
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1] ?? 0);
    expect(Math.max(...values)).toBeLessThan(100);
  });
});

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx|js|mjs)$/.test(name) && !/\.test\./.test(name) ? [path] : [];
  });
}

describe('server text is never HTML', () => {
  it('no client code writes HTML from strings', () => {
    const offenders = [
      ...sources('src/react'),
      ...sources('src/core'),
      ...sources('src/element'),
      ...sources('public'),
    ].filter((file) =>
      /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write\(/.test(
        readFileSync(file, 'utf8'),
      ),
    );
    expect(offenders).toEqual([]);
  });
});
