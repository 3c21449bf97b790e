import { SCORE_LIMIT, isFaceCode, type FaceCode } from '../../core/api/contract.ts';
import type { Evaluation } from '../../core/rules/evaluate.ts';
import { RULES, type Readings, type RuleRow } from '../../core/rules/table.ts';

/** What the reference engine concludes about one upload. */
export type Answer =
  { kind: 'face'; code: FaceCode } | { kind: 'success'; probability: number; quality: number; score: number };

/**
 * The rows whose readings make up `quality`, grouped the way docs/server.md explains it:
 * sharpness, exposure (light level, blown highlights, even light) and face size.
 */
export const QUALITY_ASPECTS = {
  sharpness: ['sharpness'],
  exposure: ['darkness', 'brightness', 'clipped', 'unevenness'],
  faceSize: ['faceSide', 'eyeDistance'],
} as const;

/** A reading at the guidance target scores this; at the requirement limit it scores 0.5. */
const AT_TARGET = 0.9;

function row(id: string): RuleRow {
  const found = RULES.find((r) => r.id === id);
  if (!found) throw new Error(`rules table has no row ${id}`);
  return found;
}

/**
 * How well one reading meets its rule, 0..1: a logistic curve in the ratio of reading to
 * limit, 0.5 exactly at the limit and 0.9 at the target, so the table's numbers (tuned for
 * the browser) set the curve here too. A reading that cannot be taken counts as no evidence
 * of a problem (1).
 */
export function rowScore(rule: RuleRow, value: number | null): number {
  if (value === null) return 1;
  const { limit, target } = rule;
  const steepness = (ratio: number): number =>
    Math.log(AT_TARGET / (1 - AT_TARGET)) / Math.log(Math.max(ratio, 1.0001));
  if (limit.min !== undefined) {
    if (value <= 0) return 0;
    const k = steepness((target.min ?? limit.min) / limit.min);
    return 1 / (1 + (limit.min / value) ** k);
  }
  if (limit.max !== undefined) {
    if (value <= 0) return 1;
    const k = steepness(limit.max / (target.max ?? limit.max));
    return 1 / (1 + (value / limit.max) ** k);
  }
  return 1;
}

export interface QualityParts {
  sharpness: number;
  exposure: number;
  faceSize: number;
  quality: number;
}

/**
 * quality = sharpness × exposure × face size, each aspect the worst of its rows' scores.
 * One aspect at its limit puts quality at or under 0.5 (the retake threshold); an image at
 * the guidance targets on all three scores at least 0.9³ ≈ 0.73.
 */
export function qualityOf(readings: Readings): QualityParts {
  const aspect = (ids: readonly string[]): number =>
    Math.min(...ids.map((id) => rowScore(row(id), readings[row(id).reading])));
  const sharpness = aspect(QUALITY_ASPECTS.sharpness);
  const exposure = aspect(QUALITY_ASPECTS.exposure);
  const faceSize = aspect(QUALITY_ASPECTS.faceSize);
  return { sharpness, exposure, faceSize, quality: sharpness * exposure * faceSize };
}

/**
 * probability = √(real × live): the geometric mean of Human's antispoof and liveness scores,
 * so both models must agree for a high value. Advisory models, not a certified detector.
 */
export function probabilityOf(real: number, live: number): number {
  const clamp = (v: number): number => Math.min(1, Math.max(0, v));
  return Math.sqrt(clamp(real) * clamp(live));
}

/** score = ln(p / (1 − p)), clamped to ±ln(1e7) as the vendor documents its range. */
export function scoreOf(probability: number): number {
  const p = Math.min(1, Math.max(0, probability));
  if (p === 0) return -SCORE_LIMIT;
  if (p === 1) return SCORE_LIMIT;
  return Math.max(-SCORE_LIMIT, Math.min(SCORE_LIMIT, Math.log(p / (1 - p))));
}

/**
 * The contract's answer for one evaluated upload. Failed rules that have a contract face code
 * (where the face is, how it is turned, eyes, occlusion) are errors the person fixes by
 * retaking, highest priority first; failed light and focus rules (TOO_DARK, TOO_BRIGHT,
 * UNEVEN_LIGHT, BLURRY) have no contract code and lower `quality` instead, which the client
 * reads as a retake below 0.5. LOW_RESOLUTION never blocks.
 */
export function answerFor(
  evaluation: Evaluation,
  readings: Readings,
  scores: { real?: number; live?: number },
): Answer {
  const code = evaluation.failures.find(isFaceCode);
  if (code) return { kind: 'face', code };
  if (scores.real === undefined || scores.live === undefined) {
    throw new Error('antispoof and liveness scores are missing for a found face');
  }
  const probability = probabilityOf(scores.real, scores.live);
  return { kind: 'success', probability, quality: qualityOf(readings).quality, score: scoreOf(probability) };
}
