import sharp from 'sharp';

// Uploads must not linger in libvips' operation cache once answered.
sharp.cache(false);

/**
 * The most pixels an upload may declare. A 3 MB file can declare a gigapixel image (a PNG of
 * one colour compresses about 1000:1), so the header is read and checked before any decoding.
 * 16.7 MP covers a 12 MP phone photo; decoded it stays under libvips' 100 MB in-memory
 * threshold, so nothing is ever spilled to a temporary file.
 */
export const MAX_INPUT_PIXELS = 4096 * 4096;
export const MAX_INPUT_SIDE = 8192;

/**
 * The decode budget: pixels times bits per sample. Decoding time and memory grow with both, so
 * an image may use the pixel limit at 8 bits per sample (any JPEG, an ordinary PNG), or half of
 * it at 16: a 4096x4096 PNG of 16 bits per sample, a 200 KB file, decodes about three times
 * slower than a phone selfie and is refused from its header. Read from the header, never decoded.
 */
export const MAX_DECODE_BITS = MAX_INPUT_PIXELS * 8;

/** How libvips names the sample formats in a header, and their bits. */
const SAMPLE_BITS: Record<string, number> = {
  uchar: 8,
  char: 8,
  ushort: 16,
  short: 16,
  uint: 32,
  int: 32,
  float: 32,
  complex: 64,
  double: 64,
  dpcomplex: 128,
};

/** How uploads are decoded wherever they are (reference analysis, upstream validation): any damage is a failure. */
export const DECODE_OPTIONS = { limitInputPixels: MAX_INPUT_PIXELS, sequentialRead: true, failOn: 'warning' } as const;

export type ImageFormat = 'jpeg' | 'png';

export type ImageCheck =
  { ok: true; format: ImageFormat; width: number; height: number } | { ok: false; status: number; message: string };

/** What the bytes say the file is, whatever its name or declared type claims. */
export function sniffImage(bytes: Uint8Array): ImageFormat | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= png.length && png.every((b, i) => bytes[i] === b)) return 'png';
  return null;
}

/**
 * Checks an upload from its header only: an image part with no bytes, bytes that are not a
 * JPEG or PNG, a header that cannot be read, and declared sizes past the limits are refused
 * here, in both modes, before a worker or the upstream quota is spent on them.
 */
export async function checkImage(bytes: Buffer): Promise<ImageCheck> {
  if (bytes.length === 0) return { ok: false, status: 400, message: 'UNRESOLVED_PIC_CONTENT' };
  const format = sniffImage(bytes);
  if (format === null) return { ok: false, status: 400, message: 'UNRECOGNIZED_IMAGE' };
  let width: number | undefined;
  let height: number | undefined;
  let depth: string | undefined;
  try {
    // No pixel limit here: the point is to read what the header declares and judge it ourselves.
    ({ width, height, depth } = await sharp(bytes, { limitInputPixels: false }).metadata());
  } catch {
    return { ok: false, status: 400, message: 'Failed to decode image' };
  }
  if (!width || !height) return { ok: false, status: 400, message: 'Failed to decode image' };
  if (width > MAX_INPUT_SIDE || height > MAX_INPUT_SIDE || width * height > MAX_INPUT_PIXELS) {
    return { ok: false, status: 413, message: 'PAYLOAD_TOO_LARGE' };
  }
  // An unknown sample format is judged at the widest there is rather than let through.
  const bits = SAMPLE_BITS[depth ?? ''] ?? 128;
  if (width * height * bits > MAX_DECODE_BITS) return { ok: false, status: 413, message: 'PAYLOAD_TOO_LARGE' };
  return { ok: true, format, width, height };
}

/**
 * Whether the whole image decodes: truncated or corrupt pixel data, or a header claiming more
 * than the data holds, fails here as it would in the reference engine's decoder. For uploads
 * that passed checkImage (so the decode is bounded); runs on libuv's threads, not the event loop.
 */
export async function decodes(bytes: Buffer): Promise<boolean> {
  try {
    // Scaled down as it is read: every byte of the data is still decoded (and checked), but a
    // JPEG skips its full-size transform, a sixth of the cost of keeping every pixel.
    await sharp(bytes, DECODE_OPTIONS).resize({ width: 64, height: 64, fit: 'inside' }).raw().toBuffer();
    return true;
  } catch {
    return false;
  }
}
