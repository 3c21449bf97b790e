import { describe, expect, it } from 'vitest';
import { RULES } from './table.ts';

// Whether the rows can be met all at once is feasible.test.ts's: the same check refuses a
// host's overrides.
describe('the rules table can be followed', () => {
  it('every target is inside its limit, so a frame captured at the target has room', () => {
    for (const r of RULES) {
      if (r.target.min !== undefined) expect(r.target.min, r.id).toBeGreaterThanOrEqual(r.limit.min ?? -Infinity);
      if (r.target.max !== undefined) expect(r.target.max, r.id).toBeLessThanOrEqual(r.limit.max ?? Infinity);
    }
  });

  it('every row has one side only, so an override is one number per bound', () => {
    for (const r of RULES) {
      expect(
        [r.limit.min, r.limit.max].filter((v) => v !== undefined),
        r.id,
      ).toHaveLength(1);
      expect(r.target.min === undefined, r.id).toBe(r.limit.min === undefined);
    }
  });
});
