import { HINT_PRIORITY, NON_BLOCKING, type RuleCode } from './codes.ts';
import { RULES, type Bound, type ReadingKey, type Readings, type RuleRow } from './table.ts';

export interface RowResult {
  row: RuleRow;
  value: number | null;
  pass: boolean;
  /**
   * The reading is not there yet (the face mesh is still loading): the row neither passes nor
   * fails, gives no hint, and keeps the frame from being compliant.
   */
  pending: boolean;
}

export interface Evaluation {
  rows: RowResult[];
  /** Failed codes, highest priority first. */
  failures: RuleCode[];
  /** True when no blocking rule failed and none is pending. */
  compliant: boolean;
  /** Blocking rows waiting for a reading: while any is, the frame is never compliant. */
  pending: string[];
}

export interface EvaluateOptions {
  mode: 'limit' | 'guide';
  previouslyPassing?: ReadonlySet<string>;
  /** Readings this frame could not take yet (Measurement.pending). */
  pending?: readonly ReadingKey[];
  /** The rows to apply: the table with a host's overrides (see requirements.ts); the table by default. */
  rules?: readonly RuleRow[];
}

export function within(value: number, bound: Bound): boolean {
  return (bound.min === undefined || value >= bound.min) && (bound.max === undefined || value <= bound.max);
}

/**
 * Rows that cannot be read (no face yet) are skipped, except face counting itself; so are
 * server-only rows while guiding.
 */
function isSkipped(value: number | null, anyFace: boolean, row: RuleRow, mode: 'limit' | 'guide'): boolean {
  if (mode === 'guide' && row.guidance === false) return true;
  return value === null || (!anyFace && row.reading !== 'faceCount' && row.reading !== 'cropHeight');
}

/**
 * Checks one frame. With `mode: 'limit'` (the server, the final capture) a row passes when
 * its reading is inside the requirement. With `mode: 'guide'` a row must reach its target to
 * start passing, and a row that passed on the previous frame keeps passing until it leaves
 * the limit: a Schmitt trigger, so the hint does not flicker at a boundary and a capture
 * taken at the edge of the target still has room before the limit. Server-only rows
 * (`guidance: false`) pass while guiding, with their reading still reported.
 */
export function evaluate(readings: Readings, options: EvaluateOptions = { mode: 'limit' }): Evaluation {
  const anyFace = readings.faceCount > 0;
  const waiting = new Set(options.pending ?? []);
  const rows: RowResult[] = (options.rules ?? RULES).map((row) => {
    const value = readings[row.reading];
    // Server-only rows pass while guiding, pending or not; with no face there is nothing to wait for.
    const guideSkips = options.mode === 'guide' && row.guidance === false;
    const faceless = !anyFace && row.reading !== 'faceCount' && row.reading !== 'cropHeight';
    if (!guideSkips && !faceless && waiting.has(row.reading)) return { row, value: null, pass: false, pending: true };
    if (isSkipped(value, anyFace, row, options.mode) || value === null)
      return { row, value, pass: true, pending: false };
    const needsTarget = options.mode === 'guide' && !(options.previouslyPassing?.has(row.id) ?? false);
    return { row, value, pass: within(value, needsTarget ? row.target : row.limit), pending: false };
  });
  const failed = new Set(rows.filter((r) => !r.pass && !r.pending).map((r) => r.row.code));
  const failures = HINT_PRIORITY.filter((code) => failed.has(code));
  const pending = rows.filter((r) => r.pending && !NON_BLOCKING.has(r.row.code)).map((r) => r.row.id);
  return {
    rows,
    failures,
    compliant: pending.length === 0 && failures.every((code) => NON_BLOCKING.has(code)),
    pending,
  };
}

/**
 * Row ids that passed with a reading, to feed back as `previouslyPassing` on the next frame.
 * A pending row drops out: when its reading arrives it must reach its target first.
 */
export function passingRowIds(evaluation: Evaluation): Set<string> {
  return new Set(evaluation.rows.filter((r) => r.pass && r.value !== null).map((r) => r.row.id));
}

/** The one blocking code to show, if any. */
export function primaryFailure(evaluation: Evaluation): RuleCode | null {
  return evaluation.failures.find((code) => !NON_BLOCKING.has(code)) ?? null;
}
