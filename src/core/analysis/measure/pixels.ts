import type { Box, RgbaImage } from '../types.ts';

/** Luma at or above this counts as blown out. */
const CLIP_LEVEL = 250;
/** Side of the grid the face is resampled to before the focus measure. */
const FOCUS_GRID = 64;

export interface PixelStats {
  brightness: number;
  clipped: number;
  unevenness: number;
  sharpness: number;
}

function luma(data: RgbaImage['data'], i: number): number {
  return 0.299 * (data[i] ?? 0) + 0.587 * (data[i + 1] ?? 0) + 0.114 * (data[i + 2] ?? 0);
}

function clampBox(box: Box, image: RgbaImage): { x0: number; y0: number; x1: number; y1: number } {
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(image.width, Math.ceil(box.x + box.width));
  const y1 = Math.min(image.height, Math.ceil(box.y + box.height));
  return { x0, y0, x1, y1 };
}

/**
 * Exposure, evenness and focus of a face region (the inner face, so hair and background do
 * not count). Every figure is independent of the region's pixel size, so the browser
 * (downscaled analysis frames) and the server (the uploaded still) read the same numbers.
 */
export function pixelStats(image: RgbaImage, region: Box): PixelStats | null {
  const { x0, y0, x1, y1 } = clampBox(region, image);
  const w = x1 - x0;
  const h = y1 - y0;
  if (w < 4 || h < 4) return null;
  const mid = x0 + w / 2;
  let sum = 0;
  let clipped = 0;
  let left = 0;
  let leftCount = 0;
  let right = 0;
  let rightCount = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const v = luma(image.data, (y * image.width + x) * 4);
      sum += v;
      if (v >= CLIP_LEVEL) clipped++;
      if (x < mid) {
        left += v;
        leftCount++;
      } else {
        right += v;
        rightCount++;
      }
    }
  }
  const n = w * h;
  const leftMean = left / Math.max(1, leftCount);
  const rightMean = right / Math.max(1, rightCount);
  return {
    brightness: sum / n,
    clipped: clipped / n,
    unevenness: Math.abs(leftMean - rightMean) / Math.max(1, leftMean, rightMean),
    sharpness: focusMeasure(image, x0, y0, w, h),
  };
}

/** Area-averages the region onto a FOCUS_GRID² grid of luma values. */
function resample(image: RgbaImage, x0: number, y0: number, w: number, h: number): Float64Array {
  const grid = new Float64Array(FOCUS_GRID * FOCUS_GRID);
  const counts = new Float64Array(FOCUS_GRID * FOCUS_GRID);
  for (let y = 0; y < h; y++) {
    const gy = Math.min(FOCUS_GRID - 1, Math.floor((y * FOCUS_GRID) / h));
    for (let x = 0; x < w; x++) {
      const gx = Math.min(FOCUS_GRID - 1, Math.floor((x * FOCUS_GRID) / w));
      const g = gy * FOCUS_GRID + gx;
      grid[g] = (grid[g] ?? 0) + luma(image.data, ((y0 + y) * image.width + (x0 + x)) * 4);
      counts[g] = (counts[g] ?? 0) + 1;
    }
  }
  for (let g = 0; g < grid.length; g++) grid[g] = (grid[g] ?? 0) / Math.max(1, counts[g] ?? 0);
  return grid;
}

/**
 * Standard deviation of the Laplacian over the standard deviation of the luma, on a fixed
 * grid: blur removes the high frequencies the Laplacian sees far faster than it lowers the
 * overall contrast, and the ratio ignores exposure and the face's size in pixels.
 */
function focusMeasure(image: RgbaImage, x0: number, y0: number, w: number, h: number): number {
  const g = resample(image, x0, y0, w, h);
  const n = FOCUS_GRID;
  let lapSum = 0;
  let lapSq = 0;
  let count = 0;
  for (let y = 1; y < n - 1; y++) {
    for (let x = 1; x < n - 1; x++) {
      const c = g[y * n + x] ?? 0;
      const lap =
        (g[(y - 1) * n + x] ?? 0) +
        (g[(y + 1) * n + x] ?? 0) +
        (g[y * n + x - 1] ?? 0) +
        (g[y * n + x + 1] ?? 0) -
        4 * c;
      lapSum += lap;
      lapSq += lap * lap;
      count++;
    }
  }
  let sum = 0;
  let sq = 0;
  for (const v of g) {
    sum += v;
    sq += v * v;
  }
  const lapVar = lapSq / count - (lapSum / count) ** 2;
  const varI = sq / g.length - (sum / g.length) ** 2;
  return varI <= 1e-6 ? 0 : Math.sqrt(Math.max(0, lapVar)) / Math.sqrt(varI);
}
