import { RULES, type Readings, type RuleRow } from './table.ts';

const clamp01 = (v: number): number => Math.min(1, Math.max(0, v));

/** Weights of the frame score: sharpness first, since blur is what a still image cannot hide. */
export const SCORE_WEIGHTS = { sharpness: 0.4, frontality: 0.25, centring: 0.15, exposure: 0.2 } as const;

export interface FrameScore {
  score: number;
  sharpness: number;
  frontality: number;
  centring: number;
  exposure: number;
}

/**
 * How good a compliant frame is, 0..1, to pick the best frame of the stable window. Each part
 * is 0 at the rule's limit and 1 at its ideal; a reading that cannot be read scores 0.5.
 */
export function frameScore(r: Readings, rules: readonly RuleRow[] = RULES): FrameScore {
  const bound = (id: string, side: 'min' | 'max', fallback: number): number =>
    rules.find((row) => row.id === id)?.limit[side] ?? fallback;
  const sharpLimit = bound('sharpness', 'min', 0.25);
  // Focus beyond twice the limit gains nothing; movement eats into it.
  const focus = r.sharpness === null ? 0.5 : clamp01((r.sharpness - sharpLimit) / sharpLimit);
  const still = r.motion === null ? 1 : clamp01(1 - r.motion / bound('motion', 'max', 0.08));
  const sharpness = focus * still;

  const angle = (v: number | null, limit: number) => (v === null ? 0.5 : clamp01(1 - v / limit));
  const frontality =
    (angle(r.yaw, bound('yaw', 'max', 20)) * 2 +
      angle(r.pitch, bound('pitch', 'max', 20)) * 2 +
      angle(r.roll, bound('roll', 'max', 30))) /
    5;

  // Room to spare inside the oval: 0 with the outline at the limit, 1 with a quarter of the
  // oval's radius free all round.
  const overflowLimit = bound('ovalOverflow', 'max', 0.15);
  const centring = r.ovalOverflow === null ? 0.5 : clamp01((overflowLimit - r.ovalOverflow) / (overflowLimit + 0.25));

  const dark = bound('darkness', 'min', 60);
  const bright = bound('brightness', 'max', 220);
  const mid = (dark + bright) / 2;
  const level = r.brightness === null ? 0.5 : clamp01(1 - Math.abs(r.brightness - mid) / ((bright - dark) / 2));
  const clip = r.clipped === null ? 1 : clamp01(1 - r.clipped / bound('clipped', 'max', 0.2));
  const exposure = level * clip;

  const w = SCORE_WEIGHTS;
  const score = w.sharpness * sharpness + w.frontality * frontality + w.centring * centring + w.exposure * exposure;
  return { score, sharpness, frontality, centring, exposure };
}
