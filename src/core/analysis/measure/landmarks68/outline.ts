import type { Point } from '../../types.ts';
import { CHIN, JAW, JAW_LEFT_END, JAW_RIGHT_END, NASION } from './indices.ts';

/**
 * How far above the nasion landmark the hairline is, as a share of the nasion-to-chin
 * length. An average face is three equal thirds (hairline to brows, brows to nose, nose to
 * chin), so the hairline is half the bridge-to-chin length above the brows; the landmark sits
 * a little below the brows, hence more than half: 0.6 puts the fixture face's hairline where
 * it was measured by hand (y 62 of the 512 px still; 0.5 put it 5 px lower).
 */
export const HAIRLINE_SHARE = 0.6;

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
  const hairline = { x: nasion.x + up.x * HAIRLINE_SHARE * length, y: nasion.y + up.y * HAIRLINE_SHARE * length };
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
