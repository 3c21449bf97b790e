import sharp from 'sharp';
import { SCORE_LIMIT } from '../../core/api/contract.ts';
import { pixelStats } from '../../core/analysis/pixels.ts';

export interface Analysis {
  probability: number;
  quality: number;
  score: number;
}

/** Refuse images larger than this many pixels before decoding them (decompression bombs). */
export const MAX_INPUT_PIXELS = 40_000_000;
const ANALYSIS_HEIGHT = 640;

const clamp01 = (v: number): number => Math.min(1, Math.max(0, v));
const logistic = (x: number): number => 1 / (1 + Math.exp(-x));

export function scoreOf(probability: number): number {
  const p = Math.min(1 - 1e-12, Math.max(1e-12, probability));
  return Math.max(-SCORE_LIMIT, Math.min(SCORE_LIMIT, Math.log(p / (1 - p))));
}

/**
 * Walking-skeleton analysis: image statistics of the central face region only. Quality rises
 * with focus and mid-range exposure. The probability here is a placeholder derived from the
 * same statistics until the face-model engine replaces it; it is not a liveness decision.
 */
export async function analyse(bytes: Buffer): Promise<Analysis> {
  const { data, info } = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS })
    .rotate()
    .resize({ height: ANALYSIS_HEIGHT, withoutEnlargement: true })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const image = { width: info.width, height: info.height, data };
  const region = { x: info.width * 0.25, y: info.height * 0.2, width: info.width * 0.5, height: info.height * 0.45 };
  const stats = pixelStats(image, region);
  if (!stats) return { probability: 0, quality: 0, score: scoreOf(0) };
  const focus = logistic((stats.sharpness - 0.15) * 25);
  const exposure = clamp01(1 - Math.abs(stats.brightness - 128) / 128) * (1 - stats.clipped);
  const size = clamp01(info.height / 800);
  const quality = clamp01(focus * 0.5 + exposure * 0.3 + size * 0.2);
  const probability = clamp01(0.2 + 0.6 * focus * exposure);
  return { probability, quality, score: scoreOf(probability) };
}
