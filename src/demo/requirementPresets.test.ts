import { describe, expect, it } from 'vitest';
import { resolveRequirements } from '../core/index.ts';
import { overridesOf, PRESET_NAMES } from './requirementPresets.ts';

describe("the console's requirement switches", () => {
  it('every switch, and all of them together, is a valid requirements value', () => {
    for (const name of PRESET_NAMES) expect(resolveRequirements(overridesOf([name])).ok, name).toBe(true);
    expect(resolveRequirements(overridesOf(PRESET_NAMES)).ok).toBe(true);
  });

  it('no switch on: no prop at all (the widget keeps the table)', () => {
    expect(overridesOf([])).toBeUndefined();
  });
});
