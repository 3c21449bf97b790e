import type { Encode } from '../meta.ts';

/** JPEG-looking bytes of a given size: the session never decodes them. */
export function jpegBytes(size: number, seed = 0): Blob {
  const bytes = new Uint8Array(size);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  for (let i = 4; i < size; i++) bytes[i] = (i + seed) % 251;
  return new Blob([bytes], { type: 'image/jpeg' });
}

/** Encodes to fixed-size bytes that differ per capture, so tests can tell two captures apart. */
export function fakeEncode(size = 2000): Encode & { calls: number } {
  const encode = Object.assign(
    async (_source: CanvasImageSource, plan: { width: number; height: number }) => {
      encode.calls += 1;
      return { blob: jpegBytes(size, encode.calls), width: plan.width, height: plan.height, jpegQuality: 0.95 };
    },
    { calls: 0 },
  );
  return encode;
}
