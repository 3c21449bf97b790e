import { describe, expect, it } from 'vitest';
import {
  CODE_ALPHABET,
  CODE_LENGTH,
  formatCode,
  logTag,
  newCode,
  newKey,
  newToken,
  normaliseCode,
  sha256,
} from './secrets.ts';

describe('handoff secrets', () => {
  it.each([
    ['token', newToken],
    ['key', newKey],
  ])('a %s is 16 random bytes as 22 base64url characters, never the same twice', (_name, make) => {
    const seen = new Set(Array.from({ length: 2000 }, make));
    expect(seen.size).toBe(2000);
    for (const value of seen) {
      expect(value).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(Buffer.from(value, 'base64url')).toHaveLength(16);
    }
  });

  it('a code is 8 Crockford base32 characters, each position spread over the whole alphabet', () => {
    const codes = Array.from({ length: 4000 }, newCode);
    expect(new Set(codes).size).toBeGreaterThan(3990);
    expect(CODE_ALPHABET).toHaveLength(32);
    expect(CODE_ALPHABET).not.toMatch(/[ILOU]/);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    // 4000 draws of 32 symbols: about 125 of each per position; a stuck bit would halve or empty some.
    for (let position = 0; position < CODE_LENGTH; position++) {
      const counts = new Map<string, number>();
      for (const code of codes) counts.set(code[position] ?? '', (counts.get(code[position] ?? '') ?? 0) + 1);
      expect(counts.size, `position ${position}`).toBe(32);
      expect(Math.min(...counts.values()), `position ${position}`).toBeGreaterThan(60);
      expect(Math.max(...counts.values()), `position ${position}`).toBeLessThan(200);
    }
  });

  it('shows a code as ABCD-EFGH', () => {
    expect(formatCode('ABCD2345')).toBe('ABCD-2345');
  });

  it.each([
    ['ABCD-EFGH', 'ABCDEFGH'],
    ['abcd-efgh', 'ABCDEFGH'],
    ['abcdefgh', 'ABCDEFGH'],
    [' ab cd-ef gh ', 'ABCDEFGH'],
    ['O0o0-IiLl', '00001111'],
    ['ABCD--EFGH', 'ABCDEFGH'],
    ['ABCD-EFG', null],
    ['ABCD-EFGHJ', null],
    ['ABCD-EFGU', null],
    ['ABCD-EFG*', null],
    ['ABCD_EFGH', null],
    ['', null],
  ])('reads the typed code %j as %j', (typed, expected) => {
    expect(normaliseCode(typed)).toBe(expected);
  });

  it('every issued code reads back as itself, dashed or not', () => {
    for (let i = 0; i < 200; i++) {
      const code = newCode();
      expect(normaliseCode(formatCode(code))).toBe(code);
      expect(normaliseCode(code.toLowerCase())).toBe(code);
    }
  });

  it('hashes with SHA-256, hex; a log tag is six of its characters', () => {
    const hash = sha256('abc');
    expect(hash).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(logTag(hash)).toBe('ba7816');
  });
});
