/**
 * How far a reading may move when the model weights are re-encoded: a fraction of the gap
 * between the rule's target and its limit (the hysteresis band guidance works in). A shift
 * that small cannot turn a frame guidance accepts into one the limit refuses.
 */
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
export function compareReadings(reference: Readings, candidate: Readings, tolerances = readingTolerances()): ReadingDiff[] {
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
