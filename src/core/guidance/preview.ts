import type { Box, Point } from '../analysis/types.ts';

export type { Box, Point };

/** The portrait crop's size: the coordinate space of `GuidanceSnapshot.face` and `.readings`. */
export interface CropSize {
  width: number;
  height: number;
}

/**
 * Where a point measured in crop pixels appears on the preview, as shares (0..1) of the
 * preview box. The preview shows exactly the portrait crop, mirrored like a looking glass, so
 * x is flipped; the same holds at any display size, which is why shares and not pixels.
 */
export function previewPoint(point: Point, crop: CropSize, mirrored = true): Point {
  const x = point.x / crop.width;
  return { x: mirrored ? 1 - x : x, y: point.y / crop.height };
}

/** A box in crop pixels as shares of the preview box (its left edge is the crop's right edge when mirrored). */
export function previewBox(box: Box, crop: CropSize, mirrored = true): Box {
  const left = mirrored ? crop.width - (box.x + box.width) : box.x;
  return {
    x: left / crop.width,
    y: box.y / crop.height,
    width: box.width / crop.width,
    height: box.height / crop.height,
  };
}
