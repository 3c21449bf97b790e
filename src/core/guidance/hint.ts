import { assumedCamera } from '../analysis/measure/landmarks68/camera.ts';
import type { FaceGeometry, HeadPose } from '../analysis/types.ts';
import type { RuleCode } from '../rules/codes.ts';
import { primaryFailure, within, type Evaluation } from '../rules/evaluate.ts';
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

export const INITIAL_HINT: HintState = {
  shown: null,
  shownSince: 0,
  candidate: null,
  candidateSince: 0,
  started: false,
};

const same = (a: Hint | null, b: Hint | null): boolean =>
  a?.code === b?.code && a?.row === b?.row && a?.move === b?.move;

/** Hints about where the face is and how big: read from its outline, which a strong turn distorts. */
const PLACEMENT: ReadonlySet<RuleCode> = new Set<RuleCode>([
  'FACE_TOO_SMALL',
  'FACE_TOO_CLOSE',
  'FACE_CROPPED',
  'FACE_CLOSE_TO_BORDER',
]);

/**
 * A head turned or tilted past the limit (not only past the target), as the camera sees it,
 * is asked to face the camera before anything about size or place: a strongly turned face's
 * outline reads smaller and off to one side, so "closer" or "move left" would send the person
 * the wrong way, and the hint would not clear when they do as it says.
 */
function angleFirst(evaluation: Evaluation, primary: RuleCode, seen: HeadPose | null): boolean {
  if (!PLACEMENT.has(primary)) return false;
  return evaluation.rows.some((r) => {
    if (r.row.code !== 'FACE_ANGLE_TOO_LARGE' || r.pass || r.value === null) return false;
    const axis =
      r.row.reading === 'yaw' || r.row.reading === 'pitch' || r.row.reading === 'roll' ? r.row.reading : null;
    const value = axis && seen ? Math.abs(seen[axis]) : r.value;
    return !within(value, r.row.limit);
  });
}

/**
 * The head's angles as the camera sees them, along its line of sight rather than its axis:
 * what distorts the outline. A face far below the picture's centre that looks at the lens is
 * turned chin-up against the camera's axis (the rules read that), yet seen from the front.
 */
function seenPose(face: FaceGeometry | null, crop: { width: number; height: number } | null): HeadPose | null {
  if (!face?.pose || !crop) return null;
  const { focal, cx, cy } = assumedCamera(crop);
  const deg = (r: number): number => (r * 180) / Math.PI;
  return {
    yaw: face.pose.yaw + deg(Math.atan((face.centre.x - cx) / focal)),
    pitch: face.pose.pitch - deg(Math.atan((face.centre.y - cy) / focal)),
    roll: face.pose.roll,
  };
}

/** The highest-priority blocking failure, the row behind it, and which way to move when the face says. */
export function wantedHint(
  evaluation: Evaluation,
  face: FaceGeometry | null = null,
  crop: { width: number; height: number } | null = null,
): Hint | null {
  const primary = primaryFailure(evaluation);
  const code = primary && angleFirst(evaluation, primary, seenPose(face, crop)) ? 'FACE_ANGLE_TOO_LARGE' : primary;
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
export function nextHint(
  state: HintState,
  wanted: Hint | null,
  at: number,
  timing: HintTiming = HINT_TIMING,
): HintState {
  if (!state.started) return { shown: wanted, shownSince: at, candidate: null, candidateSince: at, started: true };
  if (same(wanted, state.shown)) return { ...state, candidate: null, candidateSince: at };
  const candidateSince = state.candidate && same(wanted, state.candidate.hint) ? state.candidateSince : at;
  const due = at - candidateSince >= timing.switchAfterMs && at - state.shownSince >= timing.minShowMs;
  if (due) return { shown: wanted, shownSince: at, candidate: null, candidateSince: at, started: true };
  return { ...state, candidate: { hint: wanted }, candidateSince };
}
