/**
 * How far a reading may move when the model weights are re-encoded: a fraction of the gap
 * between the rule's target and its limit (the hysteresis band guidance works in). A shift
 * that small cannot turn a frame guidance accepts into one the limit refuses.
 */
import { evaluate, primaryFailure } from '../core/rules/evaluate.ts';
import { RULES, type ReadingKey, type Readings } from '../core/rules/table.ts';

/** Share of each rule's target-to-limit gap a reading may move by. */
export const TOLERANCE_SHARE = 0.25;

/** Readings with no rule band, or that must not move at all. */
const EXACT: ReadonlySet<ReadingKey> = new Set<ReadingKey>(['faceCount', 'cropHeight']);

/** The tolerance of each reading: the narrowest band of the rules reading it, times the share. */
export function readingTolerances(share: number = TOLERANCE_SHARE): Readonly<Record<ReadingKey, number>> {
  const out: Partial<Record<ReadingKey, number>> = {};
  for (const row of RULES) {
    const gaps = [
      row.limit.min !== undefined && row.target.min !== undefined ? Math.abs(row.target.min - row.limit.min) : null,
      row.limit.max !== undefined && row.target.max !== undefined ? Math.abs(row.limit.max - row.target.max) : null,
    ].filter((g): g is number => g !== null && g > 0);
    if (EXACT.has(row.reading) || gaps.length === 0) {
      out[row.reading] = 0;
      continue;
    }
    const t = Math.min(...gaps) * share;
    out[row.reading] = Math.min(out[row.reading] ?? Infinity, t);
  }
  return out as Record<ReadingKey, number>;
}

export interface ReadingDiff {
  reading: ReadingKey;
  reference: number | null;
  candidate: number | null;
  /** |candidate − reference|; null when either is missing. */
  delta: number | null;
  tolerance: number;
  ok: boolean;
}

/** Every reading the rules check, side by side; missing on one side only is a failure. */
export function compareReadings(
  reference: Readings,
  candidate: Readings,
  tolerances = readingTolerances(),
): ReadingDiff[] {
  const keys = [...new Set(RULES.map((r) => r.reading))];
  return keys.map((reading) => {
    const a = reference[reading];
    const b = candidate[reading];
    const tolerance = tolerances[reading];
    if (a === null || b === null) return { reading, reference: a, candidate: b, delta: null, tolerance, ok: a === b };
    const delta = Math.abs(a - b);
    // A hair of slack for exact readings: both are integers, and float noise must not fail them.
    return { reading, reference: a, candidate: b, delta, tolerance, ok: delta <= tolerance + 1e-9 };
  });
}

/**
 * How far the detector's confidence in a face may drop. Its floor (FACE_CONFIDENCE_FLOOR)
 * decides whether a face counts at all, so a drop that leaves every reading in place still
 * brings a harder frame (a turned, overexposed or dim face) closer to not being found.
 */
export const SCORE_MARGIN = 0.05;

/** What one frame read: each face's detector score and the rule readings. */
export interface FrameReading {
  scores: readonly number[];
  readings: Readings;
}

export interface FrameVerdict {
  /** Everything that differs beyond tolerance, in words; empty when the frame reads the same. */
  failures: string[];
  /** The largest reading move as a share of its tolerance (0 when none moved). */
  worstShare: number;
  /** The largest drop of a face's score, the faces matched best first (0 when none dropped). */
  scoreDrop: number;
}

const fmt = (v: number | null): string => (v === null ? '-' : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(3));

export interface JudgeOptions {
  /** Every reading within its tolerance and the same hint (default), or only the face found. */
  readings?: boolean;
  /** The same compliant or not outcome, in guide mode and at the limits (default). */
  verdict?: boolean;
  margin?: number;
}

/**
 * One frame read with the shipped weights and with re-encoded ones: every reading within
 * tolerance, the same hint, the same verdict in guide mode and at the limits, and no face's
 * score down by more than the margin. Without `readings`, only the faces found count (the
 * number above the floor, their scores), for frames whose readings are not what is judged.
 */
export function judgeFrame(reference: FrameReading, candidate: FrameReading, options: JudgeOptions = {}): FrameVerdict {
  const { readings = true, verdict = true, margin = SCORE_MARGIN } = options;
  const diffs = compareReadings(reference.readings, candidate.readings).filter(
    (d) => readings || d.reading === 'faceCount',
  );
  const failures = diffs.filter((d) => !d.ok).map((d) => `${d.reading} ${fmt(d.reference)}→${fmt(d.candidate)}`);
  const guide = (r: Readings) => evaluate(r, { mode: 'guide' });
  const [a, b] = [guide(reference.readings), guide(candidate.readings)];
  if (readings && primaryFailure(a) !== primaryFailure(b))
    failures.push(`hint ${primaryFailure(a) ?? 'none'}→${primaryFailure(b) ?? 'none'}`);
  if (verdict && a.compliant !== b.compliant) failures.push(`guide verdict ${a.compliant}→${b.compliant}`);
  const [la, lb] = [evaluate(reference.readings).compliant, evaluate(candidate.readings).compliant];
  if (verdict && la !== lb) failures.push(`limit verdict ${la}→${lb}`);
  const best = (s: readonly number[]) => [...s].sort((x, y) => y - x);
  const [sa, sb] = [best(reference.scores), best(candidate.scores)];
  // A face the candidate no longer finds has dropped to nothing.
  const scoreDrop = Math.max(0, ...sa.map((s, i) => s - (sb[i] ?? 0)));
  // Human rounds scores to 0.01: a hair of slack so a drop of exactly the margin passes.
  if (scoreDrop > margin + 1e-6) failures.push(`score ${fmt(sa[0] ?? null)}→${fmt(sb[0] ?? null)}`);
  const shares = diffs.map((d) =>
    d.delta === null ? 0 : d.tolerance > 0 ? d.delta / d.tolerance : d.delta > 1e-9 ? Infinity : 0,
  );
  return { failures, worstShare: Math.max(0, ...shares), scoreDrop };
}
