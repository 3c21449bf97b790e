import { describe, expect, it } from 'vitest';
import { previewBox, previewPoint } from './preview.ts';

const crop = { width: 810, height: 1080 };

describe('crop pixels to shares of the mirrored preview', () => {
  it.each([
    // point in crop px, mirrored, expected shares
    [{ x: 0, y: 0 }, true, { x: 1, y: 0 }],
    [{ x: 810, y: 1080 }, true, { x: 0, y: 1 }],
    [{ x: 405, y: 540 }, true, { x: 0.5, y: 0.5 }],
    [{ x: 202.5, y: 270 }, true, { x: 0.75, y: 0.25 }],
    [{ x: 202.5, y: 270 }, false, { x: 0.25, y: 0.25 }],
  ])('point %o (mirrored: %s) → %o', (point, mirrored, expected) => {
    expect(previewPoint(point, crop, mirrored)).toEqual(expected);
  });

  it.each([
    [{ x: 0, y: 108, width: 81, height: 216 }, true, { x: 0.9, y: 0.1, width: 0.1, height: 0.2 }],
    [{ x: 0, y: 108, width: 81, height: 216 }, false, { x: 0, y: 0.1, width: 0.1, height: 0.2 }],
    [{ x: 324, y: 0, width: 162, height: 1080 }, true, { x: 0.4, y: 0, width: 0.2, height: 1 }],
  ])('box %o (mirrored: %s) → %o', (box, mirrored, expected) => {
    const got = previewBox(box, crop, mirrored);
    for (const key of ['x', 'y', 'width', 'height'] as const) expect(got[key]).toBeCloseTo(expected[key], 10);
  });

  it('a point and its box agree: the box corner the point sits on stays the same corner after mirroring', () => {
    const box = { x: 100, y: 200, width: 300, height: 400 };
    const shares = previewBox(box, crop);
    const topRightInCrop = previewPoint({ x: box.x + box.width, y: box.y }, crop);
    expect(topRightInCrop.x).toBeCloseTo(shares.x, 10);
    expect(topRightInCrop.y).toBeCloseTo(shares.y, 10);
  });
});
