import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

export const ASTRONAUT = fileURLToPath(new URL('../../../e2e/fixtures/astronaut.png', import.meta.url));
export const CHELSEA = fileURLToPath(new URL('../../../e2e/fixtures/chelsea.png', import.meta.url));

/** The astronaut's face in the 512x512 still (e2e/setup/clips.mjs measured it). */
const FACE_CENTRE = { x: 225, y: 120 };
/** In the compliant clip the still is scaled 3.2x in a 1080 px tall frame: face about 300 px. */
const SCALE_AT_1080 = 3.2;

export interface SelfieOptions {
  /** Portrait height; the width is 3:4 of it. */
  height?: number;
  /** Where the face centre lands, in shares of width and height (the oval centre by default). */
  fx?: number;
  fy?: number;
  /** Face size relative to the compliant framing. */
  zoom?: number;
  quality?: number;
  /** Gaussian blur sigma at full resolution. */
  blur?: number;
  /** Multiplies every pixel value: below 1 darkens. */
  gain?: number;
}

/**
 * A portrait selfie the way the widget uploads it: the fixture face framed in a 3:4 crop
 * like the e2e "compliant" camera clip, on the same grey background, as a JPEG.
 */
export async function selfieJpeg(options: SelfieOptions = {}): Promise<Buffer> {
  const { height = 1080, fx = 0.5, fy = 0.46, zoom = 1, quality = 92, blur, gain } = options;
  const width = Math.round((height * 3) / 4);
  const scale = SCALE_AT_1080 * (height / 1080) * zoom;
  const side = Math.round(512 * scale);
  const left = Math.round(fx * width - FACE_CENTRE.x * scale);
  const top = Math.round(fy * height - FACE_CENTRE.y * scale);
  // Only the part of the scaled still that lands inside the portrait is composited.
  const x0 = Math.max(0, left);
  const y0 = Math.max(0, top);
  const x1 = Math.min(width, left + side);
  const y1 = Math.min(height, top + side);
  const face = await sharp(ASTRONAUT)
    .resize(side, side)
    .extract({ left: x0 - left, top: y0 - top, width: x1 - x0, height: y1 - y0 })
    .toBuffer();
  const canvas = await sharp({ create: { width, height, channels: 3, background: { r: 0x7a, g: 0x7f, b: 0x86 } } })
    .composite([{ input: face, left: x0, top: y0 }])
    .png()
    .toBuffer();
  let image = sharp(canvas);
  if (blur) image = sharp(await image.png().toBuffer()).blur(blur);
  if (gain !== undefined) image = sharp(await image.png().toBuffer()).linear(gain, 0);
  return image.jpeg({ quality }).toBuffer();
}

/** A JPEG of a cat: a real photo with no human face. */
export function noFaceJpeg(): Promise<Buffer> {
  return sharp(CHELSEA).jpeg({ quality: 92 }).toBuffer();
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A decompression bomb: a valid PNG header declaring `width` x `height` RGB pixels, followed
 * by a few rows of compressed zeros. Decoding it would need width*height*3 bytes.
 */
export function bombPng(width = 30_000, height = 30_000): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows = deflateSync(Buffer.alloc((width * 3 + 1) * 4));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', rows),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** A multipart body built by the platform's own FormData, as browsers and fetch send it. */
export function form(parts: {
  imageBest?: { bytes: Uint8Array; type?: string; filename?: string };
  journeyId?: string;
}): FormData {
  const f = new FormData();
  if (parts.imageBest) {
    f.append(
      'imageBest',
      new Blob([new Uint8Array(parts.imageBest.bytes)], { type: parts.imageBest.type ?? 'image/jpeg' }),
      parts.imageBest.filename ?? 'selfie.jpg',
    );
  }
  if (parts.journeyId !== undefined) f.append('journeyId', parts.journeyId);
  return f;
}

/** A JPEG whose frame header claims `width` x `height` while its data is that of a small image. */
export async function jpegClaiming(width: number, height: number): Promise<Buffer> {
  const bytes = Buffer.from(await selfieJpeg({ height: 240 }));
  for (let i = 2; i + 9 < bytes.length; i++) {
    // SOF0..SOF2: FF Cn, length, precision, height, width.
    if (bytes[i] === 0xff && bytes[i + 1] !== undefined && [0xc0, 0xc1, 0xc2].includes(bytes[i + 1] ?? 0)) {
      bytes.writeUInt16BE(height, i + 5);
      bytes.writeUInt16BE(width, i + 7);
      return bytes;
    }
  }
  throw new Error('no frame header in the JPEG');
}

/** A large PNG, `side` pixels square, with `depth` bits per sample: one colour with a cat in a corner, so it stays small as a file. */
export async function largePng(side: number, depth: 8 | 16): Promise<Buffer> {
  const cat = await sharp(CHELSEA).resize(256, 256).png().toBuffer();
  const flat = await sharp({
    create: { width: side, height: side, channels: 3, background: { r: 0x7a, g: 0x7f, b: 0x86 } },
  })
    .composite([{ input: cat, left: 0, top: 0 }])
    .png({ compressionLevel: 9 })
    .toBuffer();
  return depth === 16 ? sharp(flat).toColourspace('rgb16').png({ compressionLevel: 9 }).toBuffer() : flat;
}

/** A valid PNG whose compressed pixel data has been overwritten in the middle: the header reads, the pixels do not. */
export function corruptPng(png: Buffer): Buffer {
  const bytes = Buffer.from(png);
  const idat = bytes.indexOf('IDAT', 8, 'latin1');
  if (idat < 0) throw new Error('no IDAT chunk');
  const length = bytes.readUInt32BE(idat - 4);
  bytes.fill(0xa5, idat + 4 + Math.floor(length / 2), idat + 4 + Math.floor(length / 2) + 64);
  return bytes;
}
