import { OVAL } from '../rules/table.ts';
import { CHIN, FOREHEAD_TOP, NASION, SILHOUETTE } from './landmarks.ts';
import type { Point } from './types.ts';

/**
 * How far above the bridge of the nose the face outline ends, as a share of the distance from
 * the bridge down to the chin. A face is about three equal thirds (hairline to brows, brows
 * to nose, nose to chin), so the hairline sits half that distance above the brows; the mesh
 * itself stops short of it, on the upper forehead. On the fixture face this puts the top of
 * the outline ~7 px above the mesh (face 300 px wide), under the fringe where the hairline is.
 */
export const FOREHEAD_SHARE = 0.5;

const along = (p: Point, origin: Point, u: Point): number => (p.x - origin.x) * u.x + (p.y - origin.y) * u.y;

/**
 * The face as the person sees it, forehead to chin and ear to ear: the mesh's silhouette ring
 * with its upper part raised to the hairline. Points above the eyes move up the face's own
 * vertical (so a tilted head keeps its shape), in proportion to their height above the bridge
 * of the nose: the forehead top by the whole extension, the temples by part of it, the cheeks
 * and the chin not at all. Clockwise in the camera image, starting at the forehead top.
 */
export function faceOutline(mesh: ReadonlyArray<Point | undefined>): Point[] | null {
  const top = mesh[FOREHEAD_TOP];
  const bridge = mesh[NASION];
  const chin = mesh[CHIN];
  if (!top || !bridge || !chin) return null;
  const length = Math.hypot(bridge.x - chin.x, bridge.y - chin.y);
  if (length <= 0) return null;
  // The face's "up", in the image.
  const up = { x: (bridge.x - chin.x) / length, y: (bridge.y - chin.y) / length };
  const topHeight = along(top, bridge, up);
  const raise = Math.max(0, FOREHEAD_SHARE * length - topHeight);
  const outline: Point[] = [];
  for (const index of SILHOUETTE) {
    const p = mesh[index];
    if (!p) return null;
    const height = along(p, bridge, up);
    const lift = height > 0 && topHeight > 0 ? raise * Math.min(1, height / topHeight) : 0;
    outline.push({ x: p.x + up.x * lift, y: p.y + up.y * lift });
  }
  return outline;
}

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
