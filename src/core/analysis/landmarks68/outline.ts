import { FOREHEAD_SHARE } from '../outline.ts';
import type { Point } from '../types.ts';
import { CHIN, JAW, JAW_LEFT_END, JAW_RIGHT_END, NASION } from './indices.ts';

/** Points on the arc over the forehead, ends excluded. */
const ARC_POINTS = 15;

/**
 * The face as the person sees it, from 68 landmarks: the jaw line from ear to ear, closed
 * over the forehead by a half ellipse whose top is at the hairline. The hairline is put where
 * the mesh-based outline put it: FOREHEAD_SHARE of the nasion-to-chin length above the
 * nasion, along the face's own vertical, so a tilted head keeps its shape. Clockwise in the
 * camera image, starting over the forehead at the person's right ear.
 */
export function landmarkOutline(points: ReadonlyArray<Point | undefined>): Point[] | null {
  const right = points[JAW_RIGHT_END];
  const left = points[JAW_LEFT_END];
  const nasion = points[NASION];
  const chin = points[CHIN];
  if (!right || !left || !nasion || !chin) return null;
  const width = Math.hypot(left.x - right.x, left.y - right.y);
  const length = Math.hypot(nasion.x - chin.x, nasion.y - chin.y);
  if (width <= 0 || length <= 0) return null;
  // The face's axes in the image: across (towards the person's left) and up.
  const across = { x: (left.x - right.x) / width, y: (left.y - right.y) / width };
  const up = { x: across.y, y: -across.x };
  const centre = { x: (left.x + right.x) / 2, y: (left.y + right.y) / 2 };
  const hairline = { x: nasion.x + up.x * FOREHEAD_SHARE * length, y: nasion.y + up.y * FOREHEAD_SHARE * length };
  const rise = Math.max(0, (hairline.x - centre.x) * up.x + (hairline.y - centre.y) * up.y);
  const outline: Point[] = [];
  for (let k = 1; k <= ARC_POINTS; k++) {
    const t = Math.PI - (Math.PI * k) / (ARC_POINTS + 1);
    const a = (Math.cos(t) * width) / 2;
    const b = Math.sin(t) * rise;
    outline.push({ x: centre.x + across.x * a + up.x * b, y: centre.y + across.y * a + up.y * b });
  }
  for (let k = JAW.length - 1; k >= 0; k--) {
    const p = points[JAW[k] ?? 0];
    if (!p) return null;
    outline.push(p);
  }
  return outline;
}
