/**
 * The encoded still, read back before it is sent: what was judged must be what is uploaded.
 * An engine can hand the encoder a picture that is not the analysed one (a blank, all-black
 * JPEG of the right size has been seen under load in WebKitGTK); the service would then judge
 * pixels guidance never saw. The still is decoded small, a few dozen pixels are sampled, and
 * (for an automatic capture) the face's region is compared with the analysed frame's reading.
 */
import type { Box } from '../analysis/types.ts';

/** Below this spread (standard deviation of luma over the sample grid) the still is flat: blank. */
export const STILL_SPREAD_FLOOR = 4;
/** Largest difference between the face region's mean luma in the still and in the analysed frame. */
export const STILL_FACE_TOLERANCE = 40;
/** Side of the sample grid: GRID² pixels, spread over the whole still. */
export const STILL_GRID = 8;
/** Size the still is decoded at for the read-back (3:4 like the crop). */
export const PROBE_SIZE = { width: 48, height: 64 } as const;

/** What was read back from the encoded still. */
export interface StillProbe {
  /** Luma (0..255) of the sample grid. */
  samples: readonly number[];
  /** Mean luma of the expected face region in the still, when one was asked for. */
  faceLuma: number | null;
}

/** What the analysed frame said: the face's region (fractions of the crop) and its mean luma there. */
export interface StillExpectation {
  region: Box;
  luma: number;
}

export type StillFault = 'flat' | 'face-mismatch';

export function spread(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
}

/** Null when the still may be sent; otherwise why not. */
export function judgeStill(probe: StillProbe, expected: StillExpectation | null): StillFault | null {
  if (spread(probe.samples) < STILL_SPREAD_FLOOR) return 'flat';
  if (expected && probe.faceLuma !== null && Math.abs(probe.faceLuma - expected.luma) > STILL_FACE_TOLERANCE)
    return 'face-mismatch';
  return null;
}

/** The region the analysis' brightness reading covers (the inner face), as fractions of the crop. */
export function faceRegion(box: Box, crop: { width: number; height: number }): Box {
  const inner = {
    x: box.x + box.width * 0.2,
    y: box.y + box.height * 0.25,
    width: box.width * 0.6,
    height: box.height * 0.6,
  };
  return {
    x: inner.x / crop.width,
    y: inner.y / crop.height,
    width: inner.width / crop.width,
    height: inner.height / crop.height,
  };
}

/** Reads the sample grid and a region's mean luma from RGBA pixels (pure: tests hand in arrays). */
export function probePixels(
  image: { data: ArrayLike<number>; width: number; height: number },
  region: Box | null,
): StillProbe {
  const luma = (x: number, y: number): number => {
    const i = (y * image.width + x) * 4;
    return 0.299 * (image.data[i] ?? 0) + 0.587 * (image.data[i + 1] ?? 0) + 0.114 * (image.data[i + 2] ?? 0);
  };
  const samples: number[] = [];
  for (let gy = 0; gy < STILL_GRID; gy++) {
    for (let gx = 0; gx < STILL_GRID; gx++) {
      samples.push(
        luma(Math.floor(((gx + 0.5) * image.width) / STILL_GRID), Math.floor(((gy + 0.5) * image.height) / STILL_GRID)),
      );
    }
  }
  if (!region) return { samples, faceLuma: null };
  const x0 = Math.max(0, Math.floor(region.x * image.width));
  const y0 = Math.max(0, Math.floor(region.y * image.height));
  const x1 = Math.min(image.width, Math.max(x0 + 1, Math.ceil((region.x + region.width) * image.width)));
  const y1 = Math.min(image.height, Math.max(y0 + 1, Math.ceil((region.y + region.height) * image.height)));
  let sum = 0;
  let n = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      sum += luma(x, y);
      n++;
    }
  }
  return { samples, faceLuma: n > 0 ? sum / n : null };
}

/** Decodes the JPEG small and probes it (a browser's decoder; tests hand in a stand-in). */
export type ProbeStill = (blob: Blob, region: Box | null) => Promise<StillProbe>;

async function decodeSmall(blob: Blob): Promise<ImageBitmap> {
  const { width, height } = PROBE_SIZE;
  try {
    return await createImageBitmap(blob, { resizeWidth: width, resizeHeight: height, resizeQuality: 'low' });
  } catch {
    // Engines without resize options: decode whole, the canvas scales.
    return createImageBitmap(blob);
  }
}

export const probeStill: ProbeStill = async (blob, region) => {
  const { width, height } = PROBE_SIZE;
  const bitmap = await decodeSmall(blob);
  try {
    const canvas =
      typeof OffscreenCanvas !== 'undefined'
        ? new OffscreenCanvas(width, height)
        : Object.assign(document.createElement('canvas'), { width, height });
    const ctx = canvas.getContext('2d', { willReadFrequently: true }) as
      OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null;
    if (!ctx) throw new Error('2D canvas unavailable');
    ctx.drawImage(bitmap, 0, 0, width, height);
    return probePixels(ctx.getImageData(0, 0, width, height), region);
  } finally {
    bitmap.close();
  }
};
