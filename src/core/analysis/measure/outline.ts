import { OVAL } from '../../rules/table.ts';
import type { Point } from '../types.ts';

/** The drawn oval in crop pixels. */
export function ovalIn(crop: { width: number; height: number }): { cx: number; cy: number; rx: number; ry: number } {
  return { cx: OVAL.cx * crop.width, cy: OVAL.cy * crop.height, rx: OVAL.rx * crop.width, ry: OVAL.ry * crop.height };
}

export interface OvalFit {
  /**
   * How far the outline reaches outside the oval, as a share of the oval's radius in that
   * direction: the largest (distance from the oval centre ÷ the oval's radius that way) − 1
   * over the outline. Below 0 the whole outline is inside, with that much to spare.
   */
  overflow: number;
  /**
   * Centre of the outline's box minus the oval centre, in crop pixels of the unmirrored
   * camera image (x right, y down): where the face is, so the opposite is where to move it.
   */
  offset: Point;
}

/** The outline against the oval, both in crop pixels. */
export function fitInOval(outline: readonly Point[], crop: { width: number; height: number }): OvalFit | null {
  if (outline.length === 0) return null;
  const oval = ovalIn(crop);
  let reach = -Infinity;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const p of outline) {
    reach = Math.max(reach, Math.hypot((p.x - oval.cx) / oval.rx, (p.y - oval.cy) / oval.ry));
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x);
    y1 = Math.max(y1, p.y);
  }
  return { overflow: reach - 1, offset: { x: (x0 + x1) / 2 - oval.cx, y: (y0 + y1) / 2 - oval.cy } };
}
