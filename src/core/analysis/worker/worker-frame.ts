/**
 * The worker's frame path: the portrait crop of a camera frame, scaled to the analysis size,
 * as pixels; and, for a frame that would become the capture, the crop at upload size.
 */
import { copyCrop, evenRect, type CopyRect } from './frame-copy.ts';
import { resizedRectsHonoured } from './frame-rects.ts';
import type { FrameRequest, FrameSource } from '../protocol.ts';

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
      const small = await createImageBitmap(frame, sx, sy, sw, sh, { resizeWidth: width, resizeHeight: height, resizeQuality: 'medium' });
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
export function copyFrameCrop(frame: VideoFrame, request: FrameRequest): Promise<{ image: ImageData; done: () => void }> {
  return copyCrop(frame, evenRect(request.region, visibleRect(frame)));
}

/** The copied crop scaled to the analysis size, as pixels. */
export async function copiedAnalysisPixels(image: ImageData, request: FrameRequest): Promise<ImageData> {
  const { width, height } = request.analysisSize;
  const small = await createImageBitmap(image, { resizeWidth: width, resizeHeight: height, resizeQuality: 'medium' });
  try {
    const c = context(width, height);
    c.drawImage(small, 0, 0);
    return c.getImageData(0, 0, width, height);
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
  return r ? { x: r.x, y: r.y, width: r.width, height: r.height } : { x: 0, y: 0, width: frame.codedWidth, height: frame.codedHeight };
}
