import { MAX_IMAGE_BYTES } from '../api/contract.ts';
import type { CropPlan } from './crop.ts';

/** The contract asks for the least compression possible; never below 0.92 here. */
export const JPEG_QUALITIES = [0.95, 0.92] as const;

export interface EncodedImage {
  blob: Blob;
  width: number;
  height: number;
  jpegQuality: number;
}

type Canvas2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

/** Which canvas encodes: an OffscreenCanvas where there is one, or the page's own. */
export type Surface = 'offscreen' | 'page';

function makeCanvas(
  width: number,
  height: number,
  surface: Surface,
): { ctx: Canvas2D; toBlob: (q: number) => Promise<Blob> } {
  if (typeof OffscreenCanvas !== 'undefined' && (surface === 'offscreen' || typeof document === 'undefined')) {
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('2D canvas unavailable');
    return { ctx, toBlob: (quality) => canvas.convertToBlob({ type: 'image/jpeg', quality }) };
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D canvas unavailable');
  return {
    ctx,
    toBlob: (quality) =>
      new Promise((resolve, reject) =>
        canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('JPEG encoding failed'))), 'image/jpeg', quality),
      ),
  };
}

/**
 * Crops and encodes a camera frame (unmirrored: the service must see the real scene) at full
 * resolution. Lowers JPEG quality only down to 0.92, then the size, to stay under 3 MB.
 */
export async function encodeCrop(
  source: CanvasImageSource,
  plan: CropPlan,
  maxBytes = MAX_IMAGE_BYTES,
  surface: Surface = 'offscreen',
): Promise<EncodedImage> {
  let { width, height } = plan;
  for (let attempt = 0; attempt < 6; attempt++) {
    const { ctx, toBlob } = makeCanvas(width, height, surface);
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(source, plan.sx, plan.sy, plan.sw, plan.sh, 0, 0, width, height);
    for (const quality of JPEG_QUALITIES) {
      const blob = await toBlob(quality);
      if (blob.size <= maxBytes) return { blob, width, height, jpegQuality: quality };
    }
    width = Math.round(width * 0.85);
    height = Math.round(height * 0.85);
  }
  throw new Error('Could not encode the selfie under the size limit');
}
