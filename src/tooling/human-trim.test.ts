import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withoutSamplePhotos } from './human-trim.ts';

describe('emptying the sample photos Human embeds for its warm-up', () => {
  it.each<[string, string, string, number]>([
    // name, code in, code out, photos removed
    ['a photo in a template literal', 'var a=`\n/9j/4AAQSkZJRg+/=\nAAA=`,b=1;', 'var a=``,b=1;', 1],
    ['two of them', 'x=`/9j/AAAA`,y=`\n/9j/BBBB\n`', 'x=``,y=``', 2],
    ['other template literals stay', 'let t=`hello ${n}`;', 'let t=`hello ${n}`;', 0],
    ['base64 that is not a JPEG stays', 'var p=`iVBORw0KGgo=`;', 'var p=`iVBORw0KGgo=`;', 0],
  ])('%s', (_name, input, output, removed) => {
    expect(withoutSamplePhotos(input)).toEqual({ code: output, removed });
  });

  it('finds the two photos in the installed Human, and nothing else changes length but them', () => {
    const require = createRequire(import.meta.url);
    const file = join(dirname(require.resolve('@vladmandic/human')), 'human.esm-nobundle.js');
    const code = readFileSync(file, 'utf8');
    const trimmed = withoutSamplePhotos(code);
    expect(trimmed.removed).toBe(2);
    expect(code.length - trimmed.code.length).toBeGreaterThan(50_000);
    expect(code.length - trimmed.code.length).toBeLessThan(60_000);
  });
});
