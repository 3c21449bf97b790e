import { describe, expect, it } from 'vitest';
import { checkImage, decodes, MAX_DECODE_BITS, MAX_INPUT_PIXELS } from './image-check.ts';
import { corruptPng, jpegClaiming, largePng, selfieJpeg } from '../testing/images.ts';

describe('checkImage: the decode budget, read from the header', { timeout: 30_000 }, () => {
  it('is the pixel limit at 8 bits per sample', () => {
    expect(MAX_DECODE_BITS).toBe(MAX_INPUT_PIXELS * 8);
  });

  it('takes 4096x4096 at 8 bits and 2048x2048 at 16, refuses 4096x4096 at 16 with a 413', async () => {
    expect(await checkImage(await largePng(4096, 8))).toMatchObject({ ok: true, width: 4096 });
    expect(await checkImage(await largePng(2048, 16))).toMatchObject({ ok: true, width: 2048 });
    expect(await checkImage(await largePng(4096, 16))).toEqual({
      ok: false,
      status: 413,
      message: 'PAYLOAD_TOO_LARGE',
    });
  });
});

describe('decodes: the whole image, as the reference engine decodes it', { timeout: 30_000 }, () => {
  it('a whole selfie decodes; truncated, over-claiming or corrupt data does not', async () => {
    const jpeg = await selfieJpeg();
    expect(await decodes(jpeg)).toBe(true);
    expect(await decodes(jpeg.subarray(0, Math.floor(jpeg.length / 2)))).toBe(false);
    expect(await decodes(await jpegClaiming(4000, 4000))).toBe(false);
    expect(await decodes(corruptPng(await largePng(1024, 8)))).toBe(false);
  });
});
