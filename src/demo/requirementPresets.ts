import type { RequirementOverrides } from '../core/index.ts';

/**
 * The console's requirement switches: overrides an integrator commonly asks for, each one a
 * valid `requirements` value on its own and together. The console's own server keeps the table
 * (start it with OKAYLIVE_REQUIREMENTS to match).
 */
export const REQUIREMENT_PRESETS = {
  strictAngles: { label: 'angles ≤ 10°', overrides: { yaw: { limit: 10 }, pitch: { limit: 10 }, roll: { limit: 10 } } },
  biggerFace: { label: 'face ≥ 280 px', overrides: { faceSide: { limit: 280 }, eyeDistance: { limit: 100 } } },
  sharper: { label: 'sharper', overrides: { sharpness: { limit: 0.35 }, motion: { limit: 0.05 } } },
  dimLight: { label: 'dim light allowed', overrides: { darkness: { limit: 45 } } },
  longerHold: { label: 'hold 1.5 s', overrides: { stableWindowMs: 1500 } },
} as const satisfies Record<string, { label: string; overrides: RequirementOverrides }>;

export type RequirementPreset = keyof typeof REQUIREMENT_PRESETS;

export const PRESET_NAMES = Object.keys(REQUIREMENT_PRESETS) as RequirementPreset[];

/** The switched-on presets as one `requirements` prop; undefined when none is on. */
export function overridesOf(presets: readonly RequirementPreset[]): RequirementOverrides | undefined {
  if (presets.length === 0) return undefined;
  return Object.assign({}, ...presets.map((p) => REQUIREMENT_PRESETS[p].overrides)) as RequirementOverrides;
}
