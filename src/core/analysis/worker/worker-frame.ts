/**
 * The worker's frame path: the portrait crop of a camera frame, scaled to the analysis size,
 * as pixels; and, for a frame that would become the capture, the crop at upload size.
 */
import { bitmapCopyWorks, copyCrop, evenRect, type CopyRect } from './frame-copy.ts';
import { resizedRectsHonoured } from './frame-rects.ts';
import type { FrameRequest, FrameSource } from '../protocol.ts';
import type { RgbaImage } from '../types.ts';

let canvas: OffscreenCanvas | null = null;
let ctx: OffscreenCanvasRenderingContext2D | null = null;
/** Set once createImageBitmap has refused a resize (older engines): canvas scaling from then on. */
let resizeUnsupported = false;
/** Whether a resize keeps the source rectangle (frame-rects.ts), asked once. */
let resizeKeepsRect: Promise<boolean> | null = null;

function resizeCrops(): Promise<boolean> {
  resizeKeepsRect ??= resizedRectsHonoured().catch(() => false);
  return resizeKeepsRect;
}

function context(width: number, height: number): OffscreenCanvasRenderingContext2D {
  if (!canvas || canvas.width !== width || canvas.height !== height) {
    canvas = new OffscreenCanvas(width, height);
    ctx = canvas.getContext('2d', { willReadFrequently: true });
  }
  if (!ctx) throw new Error('2D context unavailable in the worker');
  return ctx;
}

/**
 * The crop, scaled to the analysis size, as pixels (one canvas reused across frames). The
 * browser's image decoder scales it (createImageBitmap's resize options) where it can, so the
 * canvas only copies pixels out at 1:1; where it cannot, the canvas scales.
 */
export async function analysisPixels(frame: FrameSource, request: FrameRequest): Promise<ImageData> {
  const { width, height } = request.analysisSize;
  const { sx, sy, sw, sh } = request.region;
  const c = context(width, height);
  if (!resizeUnsupported && (await resizeCrops())) {
    try {
      const small = await createImageBitmap(frame, sx, sy, sw, sh, {
        resizeWidth: width,
        resizeHeight: height,
        resizeQuality: 'medium',
      });
      try {
        c.drawImage(small, 0, 0);
      } finally {
        small.close();
      }
      return c.getImageData(0, 0, width, height);
    } catch {
      resizeUnsupported = true;
    }
  }
  c.imageSmoothingQuality = 'medium';
  c.drawImage(frame, sx, sy, sw, sh, 0, 0, width, height);
  return c.getImageData(0, 0, width, height);
}

/** The crop at upload size, for a frame that may become the capture. */
export async function uploadCrop(frame: FrameSource, request: FrameRequest): Promise<ImageBitmap> {
  const { sx, sy, sw, sh } = request.region;
  if (request.crop.width === sw && request.crop.height === sh) return createImageBitmap(frame, sx, sy, sw, sh);
  const size = { resizeWidth: request.crop.width, resizeHeight: request.crop.height, resizeQuality: 'high' } as const;
  if (await resizeCrops()) return createImageBitmap(frame, sx, sy, sw, sh, size);
  // Cropped first, then scaled: two steps where a resize would lose the rectangle.
  const cropped = await createImageBitmap(frame, sx, sy, sw, sh);
  try {
    return await createImageBitmap(cropped, size);
  } finally {
    cropped.close();
  }
}

/** The crop of a frame copied out as RGBA (frame-copy.ts), once; `done` hands its buffer back. */
export function copyFrameCrop(
  frame: VideoFrame,
  request: FrameRequest,
): Promise<{ image: ImageData; done: () => void }> {
  return copyCrop(frame, evenRect(request.region, visibleRect(frame)));
}

/** Whether copyTo reads a bitmap's pixels back as RGBA unchanged (bitmapCopyWorks), asked once. */
let bitmapCopy: Promise<boolean> | null = null;
let spare: Uint8ClampedArray | null = null;

/**
 * The copied crop scaled to the analysis size, as pixels; `done` hands their buffer back.
 * Read back through a VideoFrame into one buffer reused from frame to frame where the engine
 * allows: a canvas's getImageData makes a new one each time (1.2 MB per frame at 480x640,
 * garbage the worker's heap grows on until it is collected).
 */
export async function copiedAnalysisPixels(
  image: ImageData,
  request: FrameRequest,
): Promise<{ image: RgbaImage; done: () => void }> {
  const { width, height } = request.analysisSize;
  const small = await createImageBitmap(image, { resizeWidth: width, resizeHeight: height, resizeQuality: 'medium' });
  try {
    bitmapCopy ??= bitmapCopyWorks().catch(() => false);
    if (await bitmapCopy) {
      const bytes = width * height * 4;
      const data = spare?.length === bytes ? spare : new Uint8ClampedArray(bytes);
      if (data === spare) spare = null;
      try {
        const frame = new VideoFrame(small, { timestamp: 0 });
        try {
          await frame.copyTo(data, { format: 'RGBA', colorSpace: 'srgb' });
        } finally {
          frame.close();
        }
        return { image: { data, width, height }, done: () => void (spare = data) };
      } catch {
        // Refused on a real frame after passing the probe: the canvas from now on.
        bitmapCopy = Promise.resolve(false);
      }
    }
    const c = context(width, height);
    c.drawImage(small, 0, 0);
    return { image: c.getImageData(0, 0, width, height), done: () => undefined };
  } finally {
    small.close();
  }
}

/** The copied crop at upload size. */
export function copiedUploadCrop(image: ImageData, request: FrameRequest): Promise<ImageBitmap> {
  const { width, height } = request.crop;
  if (image.width === width && image.height === height) return createImageBitmap(image);
  return createImageBitmap(image, { resizeWidth: width, resizeHeight: height, resizeQuality: 'high' });
}

function visibleRect(frame: VideoFrame): CopyRect {
  const r = frame.visibleRect;
  return r
    ? { x: r.x, y: r.y, width: r.width, height: r.height }
    : { x: 0, y: 0, width: frame.codedWidth, height: frame.codedHeight };
}
