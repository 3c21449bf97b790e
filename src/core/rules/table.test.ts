import { describe, expect, it } from 'vitest';
import { CROP_ASPECT, OVAL, RULES, type Bound, type RuleRow } from './table.ts';

function row(id: string): RuleRow {
  const found = RULES.find((r) => r.id === id);
  if (!found) throw new Error(`no row ${id}`);
  return found;
}

function side(bound: Bound, which: 'min' | 'max'): number {
  const v = bound[which];
  if (v === undefined) throw new Error(`bound has no ${which}`);
  return v;
}

/** The oval's size in shares of the crop's width (the crop is CROP_ASPECT wide for its height). */
const OVAL_WIDTH = 2 * OVAL.rx;
const OVAL_HEIGHT = (2 * OVAL.ry) / CROP_ASPECT;

/**
 * A face outline's height (hairline to chin) over its width (ear to ear): 1.2 on the fixture
 * (116 x 95 px in the still); long faces go to about 1.4.
 */
const TALL_FACE = 1.4;

/** The fixture's eye distance over its face width (139 / 300 px). */
const EYES_PER_WIDTH = 0.46;

/** The smallest crop the rules accept without LOW_RESOLUTION: its width in pixels. */
const SMALLEST_CROP_WIDTH = side(row('cropHeight').limit, 'min') * CROP_ASPECT;

describe('the rules table can be followed', () => {
  it('every target is inside its limit, so a frame captured at the target has room', () => {
    for (const r of RULES) {
      if (r.target.min !== undefined) expect(r.target.min, r.id).toBeGreaterThanOrEqual(r.limit.min ?? -Infinity);
      if (r.target.max !== undefined) expect(r.target.max, r.id).toBeLessThanOrEqual(r.limit.max ?? Infinity);
    }
  });

  it('a face close enough to pass "too close" fits in the oval, both ways', () => {
    const close = row('faceWidthShare');
    const overflow = row('ovalOverflow');
    // At the target a face is narrower than the oval, with room to centre it.
    expect(side(close.target, 'max')).toBeLessThan(OVAL_WIDTH);
    // At the limit, centred, it still passes the centring limit: the outline reaches out by
    // (width / oval width − 1) of the radius on each side.
    expect(side(close.limit, 'max') / OVAL_WIDTH - 1).toBeLessThanOrEqual(side(overflow.limit, 'max'));
    // And a long face of that width is not taller than the oval.
    expect(side(close.target, 'max') * TALL_FACE).toBeLessThan(OVAL_HEIGHT);
  });

  it('"too small" can be cured inside the oval, even in the smallest crop', () => {
    const widest = side(row('faceWidthShare').target, 'max') * SMALLEST_CROP_WIDTH;
    // The face side is the smaller of the mesh box's width and height: at most its width.
    expect(side(row('faceSide').target, 'min')).toBeLessThan(widest);
    expect(side(row('eyeDistance').target, 'min')).toBeLessThan(widest * EYES_PER_WIDTH);
  });

  it('a face inside the oval is never "cropped": the oval keeps its distance from the crop edges', () => {
    const gap = Math.min(OVAL.cx - OVAL.rx, 1 - OVAL.cx - OVAL.rx, (OVAL.cy - OVAL.ry) / CROP_ASPECT, (1 - OVAL.cy - OVAL.ry) / CROP_ASPECT);
    // margin = gap / face side, and a face allowed by "too close" is at most that wide.
    expect(gap / side(row('faceWidthShare').target, 'max')).toBeGreaterThan(side(row('margin').target, 'min'));
  });
});
