/**
 * The search behind `npm run models:encoding` (choose-encoding.ts), without its I/O: which
 * tensors of a model can take the coarse encoding while the model still reads as before.
 * Greedy, largest tensor first, each step judged with the tensors already accepted, so the
 * result is one plan that was itself checked, not a sum of separately harmless steps.
 */
import type { Encoding, EncodingPlan, WeightSpec } from '../server/assets/weights.ts';

export interface Candidate {
  name: string;
  shape: readonly number[];
  /** How many values it holds: what the coarse encoding saves, in bytes per byte of step. */
  values: number;
}

/** The float tensors of a manifest, largest first; equal sizes keep manifest order. */
export function candidates(specs: readonly WeightSpec[]): Candidate[] {
  return specs
    .filter((s) => s.dtype === 'float32')
    .map((s) => ({ name: s.name, shape: s.shape, values: s.shape.reduce((a, b) => a * b, 1) }))
    .sort((a, b) => b.values - a.values);
}

/** `coarse` for the named tensors, `fine` for every other, written as the exceptions to `coarse`. */
export function mixedPlan(
  all: readonly Candidate[],
  coarseNames: ReadonlySet<string>,
  coarse: Encoding,
  fine: Encoding,
): EncodingPlan {
  return {
    default: coarse,
    tensors: Object.fromEntries(all.filter((c) => !coarseNames.has(c.name)).map((c) => [c.name, fine])),
  };
}

export interface Step<T> {
  candidate: Candidate;
  accepted: boolean;
  /** What the check said about the plan with this tensor coarse. */
  detail: T;
}

export interface SearchResult<T> {
  /** The plan found: coarse everywhere except `fineNames`. */
  plan: EncodingPlan;
  /** The tensors taken at the coarse encoding, and those left at the fine one, largest first. */
  coarseNames: string[];
  fineNames: string[];
  steps: Step<T>[];
}

/**
 * Tries each candidate at `coarse` on top of those already accepted and keeps it only when
 * `check` passes the whole plan. `onStep` sees each step as it is decided (a long search prints
 * as it goes).
 */
export async function greedySearch<T>(
  all: readonly Candidate[],
  coarse: Encoding,
  fine: Encoding,
  check: (plan: EncodingPlan) => Promise<{ ok: boolean; detail: T }>,
  onStep: (step: Step<T>) => void = () => undefined,
): Promise<SearchResult<T>> {
  const accepted = new Set<string>();
  const steps: Step<T>[] = [];
  for (const candidate of all) {
    const trial = new Set([...accepted, candidate.name]);
    const { ok, detail } = await check(mixedPlan(all, trial, coarse, fine));
    if (ok) accepted.add(candidate.name);
    const step = { candidate, accepted: ok, detail };
    steps.push(step);
    onStep(step);
  }
  const names = (taken: boolean) => all.filter((c) => accepted.has(c.name) === taken).map((c) => c.name);
  return { plan: mixedPlan(all, accepted, coarse, fine), coarseNames: names(true), fineNames: names(false), steps };
}
