import { describe, expect, it } from 'vitest';
import { fakeEncode } from './testing/encode.ts';
import { readPhoto, type DecodedPhoto, type PhotoTools } from './photo.ts';

const decoded = (): DecodedPhoto =>
  Object.assign({} as CanvasImageSource, { width: 1200, height: 1600, close: () => undefined });

/** Tools whose decode and encode fail the first `n` times they are called. */
function flaky(decodeFails: number, encodeFails: number): PhotoTools & { decodes: () => number } {
  let decodes = 0;
  let encodes = 0;
  const encode = fakeEncode();
  return {
    decodes: () => decodes,
    decode: async () => {
      decodes += 1;
      if (decodes <= decodeFails) throw new Error('decode failed');
      return decoded();
    },
    encode: async (source, plan) => {
      encodes += 1;
      if (encodes <= encodeFails) throw new Error('encode failed');
      return encode(source, plan);
    },
  };
}

describe('readPhoto: a passing engine failure is not an unreadable file', () => {
  it.each([
    { name: 'decodes and encodes at once', decodeFails: 0, encodeFails: 0, kind: 'accepted', decodes: 1 },
    { name: 'decode fails once', decodeFails: 1, encodeFails: 0, kind: 'accepted', decodes: 2 },
    { name: 'encode fails once', decodeFails: 0, encodeFails: 1, kind: 'accepted', decodes: 2 },
    { name: 'decode fails twice: not a photo', decodeFails: 2, encodeFails: 0, kind: 'unreadable', decodes: 2 },
    { name: 'encode fails twice', decodeFails: 0, encodeFails: 2, kind: 'unreadable', decodes: 2 },
  ])('$name → $kind', async ({ decodeFails, encodeFails, kind, decodes }) => {
    const tools = flaky(decodeFails, encodeFails);
    const outcome = await readPhoto(new Blob(['x'], { type: 'image/jpeg' }), undefined, tools);
    expect(outcome.kind).toBe(kind);
    expect(tools.decodes()).toBe(decodes);
  });

  it.each([
    { name: 'decode', decodeFails: 99, encodeFails: 0 },
    { name: 'encode', decodeFails: 0, encodeFails: 99 },
  ])(
    'the second try goes the other way: a $name that always fails the first way still gives the photo',
    async ({ decodeFails, encodeFails }) => {
      const first = flaky(decodeFails, encodeFails);
      const other = flaky(0, 0);
      const outcome = await readPhoto(new Blob(['x'], { type: 'image/jpeg' }), undefined, {
        ...first,
        fallback: other,
      });
      expect(outcome.kind).toBe('accepted');
      expect([first.decodes(), other.decodes()]).toEqual([1, 1]);
    },
  );

  it('a photo the rules reject is rejected, not retried', async () => {
    const tools = flaky(0, 0);
    const outcome = await readPhoto(
      new Blob(['x'], { type: 'image/jpeg' }),
      async () => ({ evaluation: { failures: ['FACE_NOT_FOUND'], compliant: false } }),
      tools,
    );
    expect(outcome).toEqual({ kind: 'rejected', code: 'FACE_NOT_FOUND' });
    expect(tools.decodes()).toBe(1);
  });
});
