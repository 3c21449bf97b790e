import sharp, { type Metadata } from 'sharp';
import { measure } from '../../core/analysis/measure/measure.ts';
import type { FaceInput, RgbaImage } from '../../core/analysis/types.ts';
import { evaluate } from '../../core/rules/evaluate.ts';
import type { RuleCode } from '../../core/rules/codes.ts';
import type { RuleRow } from '../../core/rules/table.ts';
import { DECODE_OPTIONS } from '../upload/image-check.ts';
import { answerFor, qualityOf, type Answer, type QualityParts } from './answer.ts';

sharp.cache(false);

/** The upload is read at the browser's analysis scale; readings are still in the upload's own pixels. */
export { ANALYSIS_HEIGHT } from '../../core/analysis/measure/scale.ts';
import { ANALYSIS_HEIGHT } from '../../core/analysis/measure/scale.ts';

export type Detect = (image: RgbaImage) => Promise<FaceInput[]>;

/** What the log line may say about an analysis: rule codes and numbers, nothing personal. */
export interface AnalysisNotes {
  width: number;
  height: number;
  faces: number;
  failures: RuleCode[];
  aspects: Omit<QualityParts, 'quality'> | null;
  decodeMs: number;
  detectMs: number;
}

export type AnalysisOutcome = { kind: 'answer'; answer: Answer; notes: AnalysisNotes } | { kind: 'undecodable' };

/** EXIF orientations 5-8 swap the stored width and height. */
function orientedSize(meta: Metadata): { width: number; height: number } {
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  return (meta.orientation ?? 1) >= 5 ? { width: height, height: width } : { width, height };
}

async function decode(
  bytes: Uint8Array,
): Promise<{ image: RgbaImage; crop: { width: number; height: number } } | null> {
  try {
    const input = sharp(bytes, DECODE_OPTIONS);
    const crop = orientedSize(await input.metadata());
    const { data, info } = await input
      .rotate()
      .resize({ width: ANALYSIS_HEIGHT * 2, height: ANALYSIS_HEIGHT, fit: 'inside', withoutEnlargement: true })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const image = {
      width: info.width,
      height: info.height,
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    };
    return { image, crop };
  } catch {
    // Truncated or corrupt data that the header check could not see.
    return null;
  }
}

/**
 * The reference engine's judgement of one upload: the same measurement and the same rules
 * the browser applies to its frames, in 'limit' mode, the upload standing for the crop.
 */
export async function analyseUpload(
  bytes: Uint8Array,
  detect: Detect,
  rules?: readonly RuleRow[],
): Promise<AnalysisOutcome> {
  const t0 = performance.now();
  const decoded = await decode(bytes);
  if (!decoded) return { kind: 'undecodable' };
  const t1 = performance.now();
  const faces = await detect(decoded.image);
  const t2 = performance.now();
  const measurement = measure({ faces, image: decoded.image, crop: decoded.crop });
  const evaluation = evaluate(measurement.readings, { mode: 'limit', ...(rules ? { rules } : {}) });
  const scores: { real?: number; live?: number } = {};
  if (measurement.real !== undefined) scores.real = measurement.real;
  if (measurement.live !== undefined) scores.live = measurement.live;
  const answer = answerFor(evaluation, measurement.readings, scores);
  const parts = qualityOf(measurement.readings);
  return {
    kind: 'answer',
    answer,
    notes: {
      ...decoded.crop,
      faces: measurement.readings.faceCount,
      failures: evaluation.failures,
      aspects:
        measurement.readings.faceCount > 0
          ? { sharpness: parts.sharpness, exposure: parts.exposure, faceSize: parts.faceSize }
          : null,
      decodeMs: Math.round(t1 - t0),
      detectMs: Math.round(t2 - t1),
    },
  };
}
