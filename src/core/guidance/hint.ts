import type { FaceGeometry } from '../analysis/types.ts';
import { primaryFailure, type Evaluation } from '../rules/evaluate.ts';
import { moveFor } from './direction.ts';
import type { Hint } from './types.ts';

export interface HintTiming {
  /** A different hint must be wanted this long before it replaces the shown one. */
  switchAfterMs: number;
  /** A shown hint stays at least this long, so it can be read. */
  minShowMs: number;
}

export const HINT_TIMING: HintTiming = { switchAfterMs: 250, minShowMs: 600 };

export interface HintState {
  shown: Hint | null;
  shownSince: number;
  /** The hint (or "all good": null) wanting to replace the shown one, if any. */
  candidate: { hint: Hint | null } | null;
  candidateSince: number;
  /** Nothing shown yet: the very first hint appears at once. */
  started: boolean;
}

export const INITIAL_HINT: HintState = { shown: null, shownSince: 0, candidate: null, candidateSince: 0, started: false };

const same = (a: Hint | null, b: Hint | null): boolean => a?.code === b?.code && a?.row === b?.row && a?.move === b?.move;

/** The highest-priority blocking failure, the row behind it, and which way to move when the face says. */
export function wantedHint(evaluation: Evaluation, face: FaceGeometry | null = null, crop: { width: number; height: number } | null = null): Hint | null {
  const code = primaryFailure(evaluation);
  if (!code) return null;
  const row = evaluation.rows.find((r) => !r.pass && r.row.code === code)?.row.id ?? code;
  const move = moveFor(row, face, crop);
  return move ? { code, row, move } : { code, row };
}

/**
 * One hint at a time, without flicker: a new hint (or "all good") must be wanted for
 * `switchAfterMs` and the current one must have been shown for `minShowMs`. The rows
 * themselves already have hysteresis (guide mode); this damps switching between rows.
 */
export function nextHint(state: HintState, wanted: Hint | null, at: number, timing: HintTiming = HINT_TIMING): HintState {
  if (!state.started) return { shown: wanted, shownSince: at, candidate: null, candidateSince: at, started: true };
  if (same(wanted, state.shown)) return { ...state, candidate: null, candidateSince: at };
  const candidateSince = state.candidate && same(wanted, state.candidate.hint) ? state.candidateSince : at;
  const due = at - candidateSince >= timing.switchAfterMs && at - state.shownSince >= timing.minShowMs;
  if (due) return { shown: wanted, shownSince: at, candidate: null, candidateSince: at, started: true };
  return { ...state, candidate: { hint: wanted }, candidateSince };
}
