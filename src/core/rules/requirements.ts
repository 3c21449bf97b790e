import { conflicts } from './feasible.ts';
import { RULES, type Bound, type RuleRow } from './table.ts';

/**
 * What a host may change: each row's value is a number on the row's one side (a minimum for
 * "too small", a maximum for an angle), for the requirement itself (`limit`) and what guidance
 * aims for (`target`). The range is what the service accepts at one end (the contract's face
 * size and angles) and what still leaves guidance room to work at the other.
 */
export const ADJUSTABLE = {
  faceSide: { min: 224, max: 320 },
  eyeDistance: { min: 80, max: 120 },
  faceWidthShare: { min: 0.5, max: 0.6 },
  margin: { min: 0, max: 0.25 },
  ovalOverflow: { min: 0, max: 0.25 },
  // Tighter than 5° is under what the landmarks read reliably (about 2° off on known poses).
  yaw: { min: 5, max: 20 },
  pitch: { min: 5, max: 25 },
  roll: { min: 5, max: 30 },
  darkness: { min: 40, max: 120 },
  brightness: { min: 160, max: 240 },
  clipped: { min: 0.02, max: 0.3 },
  unevenness: { min: 0.1, max: 0.6 },
  sharpness: { min: 0.15, max: 0.6 },
  motion: { min: 0.02, max: 0.15 },
} as const satisfies Record<string, Required<Bound>>;

export type AdjustableRowId = keyof typeof ADJUSTABLE;

/** One row's new numbers; a side left out follows the other (see resolveRequirements). */
export interface RowOverride {
  limit?: number;
  target?: number;
}

/** A host's changes to the requirement rules, the same in the browser and on the server. */
export type RequirementOverrides = { [K in AdjustableRowId]?: RowOverride } & {
  /** How long frames must stay compliant before the auto-capture, ms (default 500). */
  stableWindowMs?: number;
};

/** The overrides, or the same as JSON text (an HTML attribute, an environment variable). */
export type RequirementsInput = RequirementOverrides | string;

/** The rules a widget or a server applies: the table with a host's overrides in. */
export interface Requirements {
  rows: readonly RuleRow[];
  stableWindowMs: number;
}

export const DEFAULT_STABLE_WINDOW_MS = 500;
/** Shorter than this is a handful of frames on a phone; longer tires a person holding still. */
export const STABLE_WINDOW_RANGE = { min: 300, max: 3000 } as const;

export const DEFAULT_REQUIREMENTS: Requirements = { rows: RULES, stableWindowMs: DEFAULT_STABLE_WINDOW_MS };

/**
 * Why overrides were refused, naming the row and the bound so the developer can fix it:
 * `row` is a row id, `stableWindowMs`, or a key that is not one.
 */
export interface RequirementProblem {
  row: string;
  side?: 'limit' | 'target';
  value?: unknown;
  /** The range the value must be in, when a range was broken. */
  bound?: Required<Bound>;
  detail: string;
}

export type RequirementsResult = { ok: true; requirements: Requirements } | { ok: false; problem: RequirementProblem };

const isAdjustable = (key: string): key is AdjustableRowId => Object.hasOwn(ADJUSTABLE, key);

function inRange(value: number, range: Required<Bound>): boolean {
  return value >= range.min && value <= range.max;
}

/** The side of the row that holds its number: every adjustable row has exactly one. */
function sideOf(row: RuleRow): 'min' | 'max' {
  return row.limit.min !== undefined ? 'min' : 'max';
}

/**
 * The row's new bounds. A side left out keeps its default when that still lies on the right
 * side of the given one; otherwise it keeps the default gap between limit and target (the
 * hysteresis that stops a hint from flickering), within the row's range.
 */
function overridden(
  row: RuleRow,
  change: { limit: number | undefined; target: number | undefined },
  range: Required<Bound>,
): { limit: number; target: number } {
  const dir = sideOf(row) === 'min' ? 1 : -1;
  const defLimit = row.limit[sideOf(row)] ?? 0;
  const defTarget = row.target[sideOf(row)] ?? defLimit;
  const gap = defTarget - defLimit;
  const clamp = (v: number): number => Math.min(range.max, Math.max(range.min, v));
  const limit =
    change.limit ??
    (change.target !== undefined && (change.target - defLimit) * dir < 0 ? clamp(change.target - gap) : defLimit);
  const target = change.target ?? ((defTarget - limit) * dir >= 0 ? defTarget : clamp(limit + gap));
  return { limit, target };
}

function rowProblem(
  id: AdjustableRowId,
  value: unknown,
): RequirementProblem | { limit: number | undefined; target: number | undefined } {
  const range = ADJUSTABLE[id];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { row: id, value, detail: `requirements.${id} must be an object like { limit?: number, target?: number }` };
  }
  const given: { limit: number | undefined; target: number | undefined } = { limit: undefined, target: undefined };
  for (const [key, v] of Object.entries(value)) {
    if (key !== 'limit' && key !== 'target')
      return { row: id, value, detail: `requirements.${id} has "${key}"; only "limit" and "target" can be set` };
    if (typeof v !== 'number' || !Number.isFinite(v))
      return { row: id, side: key, value: v, detail: `requirements.${id}.${key} must be a number` };
    if (!inRange(v, range)) {
      return {
        row: id,
        side: key,
        value: v,
        bound: range,
        detail: `requirements.${id}.${key} is ${v}; it must be between ${range.min} and ${range.max}`,
      };
    }
    given[key] = v;
  }
  return given;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * Applies a host's overrides to the rules table, or says the first thing wrong with them.
 * Pure, so the browser (at mount) and the server (at start) refuse the same input alike.
 */
export function resolveRequirements(input: unknown): RequirementsResult {
  if (input === undefined || input === null) return { ok: true, requirements: DEFAULT_REQUIREMENTS };
  if (typeof input === 'string') {
    const parsed = parseJson(input);
    // JSON text of an object only: a quoted string inside would otherwise be read again.
    if (parsed.ok && typeof parsed.value !== 'string') return resolveRequirements(parsed.value);
    return {
      ok: false,
      problem: {
        row: '',
        value: input,
        detail: 'requirements must be an object (the requirements attribute takes it as JSON); this is not JSON',
      },
    };
  }
  if (typeof input !== 'object' || Array.isArray(input))
    return { ok: false, problem: { row: '', value: input, detail: 'requirements must be an object' } };
  let stableWindowMs = DEFAULT_STABLE_WINDOW_MS;
  const changes = new Map<string, { limit: number | undefined; target: number | undefined }>();
  for (const [key, value] of Object.entries(input)) {
    if (key === 'stableWindowMs') {
      const range = STABLE_WINDOW_RANGE;
      if (typeof value !== 'number' || !Number.isFinite(value) || !inRange(value, range)) {
        return {
          ok: false,
          problem: {
            row: key,
            value,
            bound: { ...range },
            detail: `requirements.stableWindowMs must be a number of ms between ${range.min} and ${range.max}`,
          },
        };
      }
      stableWindowMs = value;
      continue;
    }
    if (!isAdjustable(key)) {
      return {
        ok: false,
        problem: {
          row: key,
          value,
          detail: `requirements has no adjustable row "${key}"; rows: ${Object.keys(ADJUSTABLE).join(', ')}, and stableWindowMs`,
        },
      };
    }
    const change = rowProblem(key, value);
    if ('detail' in change) return { ok: false, problem: change };
    changes.set(key, change);
  }
  const rows: RuleRow[] = [];
  for (const row of RULES) {
    const change = changes.get(row.id);
    if (!change || !isAdjustable(row.id)) {
      rows.push(row);
      continue;
    }
    const range = ADJUSTABLE[row.id];
    const { limit, target } = overridden(row, change, range);
    const which = sideOf(row);
    // A target looser than the limit would capture frames the requirement then refuses.
    if ((which === 'min' && target < limit) || (which === 'max' && target > limit)) {
      const detail = `requirements.${row.id}.target (${target}) must be ${which === 'min' ? 'at or above' : 'at or below'} its limit (${limit})`;
      return {
        ok: false,
        problem: {
          row: row.id,
          side: 'target',
          value: target,
          bound: which === 'min' ? { min: limit, max: range.max } : { min: range.min, max: limit },
          detail,
        },
      };
    }
    rows.push({
      ...row,
      limit: which === 'min' ? { min: limit } : { max: limit },
      target: which === 'min' ? { min: target } : { max: target },
    });
  }
  const [conflict] = conflicts(rows);
  if (conflict) {
    return {
      ok: false,
      problem: {
        row: conflict.rows[0],
        detail: `requirements.${conflict.rows[0]} and ${conflict.rows[1]} cannot both be met: ${conflict.detail}`,
      },
    };
  }
  return { ok: true, requirements: { rows, stableWindowMs } };
}
