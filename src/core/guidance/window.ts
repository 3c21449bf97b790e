import type { WindowPoint } from './types.ts';

/** About half a second of compliance, and at least a few frames of it, before capturing. */
export const STABLE_WINDOW = { durationMs: 500, minFrames: 4 } as const;

export interface WindowState<T> {
  startedAt: number | null;
  points: WindowPoint[];
  /** The best frame so far and what the caller keeps with it (e.g. its full-resolution bitmap). */
  best: (WindowPoint & { item: T | null }) | null;
}

export function emptyWindow<T>(): WindowState<T> {
  return { startedAt: null, points: [], best: null };
}

export interface WindowStep<T> {
  state: WindowState<T>;
  /** Items no longer needed (replaced as best, or the window broke): the caller frees them. */
  dropped: T[];
  /** The window is long enough: capture `state.best`. */
  ready: boolean;
}

/**
 * Feeds one analysed frame. A non-compliant frame breaks the window; a compliant one extends
 * it and becomes the best if it scores higher. Frames without a kept item (the first frames,
 * before full-resolution grabbing starts) count towards the time but cannot be chosen.
 */
export function stepWindow<T>(
  state: WindowState<T>,
  frame: { at: number; compliant: boolean; score: number; item: T | null },
  rule: { durationMs: number; minFrames: number } = STABLE_WINDOW,
): WindowStep<T> {
  if (!frame.compliant) {
    const dropped = [state.best?.item, frame.item].filter((i): i is T => i !== null && i !== undefined);
    return { state: emptyWindow<T>(), dropped, ready: false };
  }
  const startedAt = state.startedAt ?? frame.at;
  const points = [...state.points, { at: frame.at, score: frame.score }];
  const dropped: T[] = [];
  let best = state.best;
  if (frame.item !== null && (!best || best.item === null || frame.score > best.score)) {
    if (best?.item !== null && best?.item !== undefined) dropped.push(best.item);
    best = { at: frame.at, score: frame.score, item: frame.item };
  } else if (frame.item !== null) dropped.push(frame.item);
  const ready =
    best?.item !== null && best !== null && points.length >= rule.minFrames && frame.at - startedAt >= rule.durationMs;
  return { state: { startedAt, points, best }, dropped, ready };
}
