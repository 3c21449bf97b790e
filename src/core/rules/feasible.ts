import { CROP_ASPECT, OVAL, type Bound, type RuleRow } from './table.ts';

/**
 * Whether a set of rule rows can be met all at once. The default table is checked by its
 * tests; a host's requirement overrides are checked at mount with the same functions, so a
 * tightened row can never leave the person with a hint they cannot follow.
 */

/** A face outline's height over its width: 1.2 on the fixture, about 1.4 for long faces. */
const TALL_FACE = 1.4;

/** Eye distance over face width (139 / 300 px on the fixture). */
const EYES_PER_WIDTH = 0.46;

/** The smallest crop the contract accepts without LOW_RESOLUTION, 800 px tall: its width. */
const SMALLEST_CROP_WIDTH = 800 * CROP_ASPECT;

/** The oval's size in shares of the crop's width. */
const OVAL_WIDTH = 2 * OVAL.rx;
const OVAL_HEIGHT = (2 * OVAL.ry) / CROP_ASPECT;

/** Two rows that cannot both be met, and why, in developer's words. */
export interface Conflict {
  rows: [string, string];
  detail: string;
}

function side(rows: readonly RuleRow[], id: string, bound: 'limit' | 'target', which: keyof Bound): number | null {
  return rows.find((r) => r.id === id)?.[bound][which] ?? null;
}

/** Every pair of rows that asks for the impossible; empty when the rows can be followed. */
export function conflicts(rows: readonly RuleRow[]): Conflict[] {
  const out: Conflict[] = [];
  const closeTarget = side(rows, 'faceWidthShare', 'target', 'max');
  const closeLimit = side(rows, 'faceWidthShare', 'limit', 'max');
  const overflowLimit = side(rows, 'ovalOverflow', 'limit', 'max');
  const sideTarget = side(rows, 'faceSide', 'target', 'min');
  const eyesTarget = side(rows, 'eyeDistance', 'target', 'min');
  const marginTarget = side(rows, 'margin', 'target', 'min');
  const darkTarget = side(rows, 'darkness', 'target', 'min');
  const brightTarget = side(rows, 'brightness', 'target', 'max');

  if (closeTarget !== null && (closeTarget >= OVAL_WIDTH || closeTarget * TALL_FACE >= OVAL_HEIGHT)) {
    out.push({
      rows: ['faceWidthShare', 'ovalOverflow'],
      detail: `a face ${closeTarget} of the crop wide does not fit in the oval`,
    });
  }
  // Centred at the "too close" limit, the outline reaches out by (width / oval width − 1) of the radius.
  if (closeLimit !== null && overflowLimit !== null && closeLimit / OVAL_WIDTH - 1 > overflowLimit) {
    out.push({
      rows: ['faceWidthShare', 'ovalOverflow'],
      detail: 'a face at the "too close" limit fails centring even when centred',
    });
  }
  if (closeTarget !== null) {
    const widest = closeTarget * SMALLEST_CROP_WIDTH;
    // The face side is the smaller of the face box's width and height: at most its width.
    if (sideTarget !== null && sideTarget >= widest) {
      out.push({
        rows: ['faceSide', 'faceWidthShare'],
        detail: `a face ${sideTarget} px across is "too close" in a ${SMALLEST_CROP_WIDTH} px wide crop`,
      });
    }
    if (eyesTarget !== null && eyesTarget >= widest * EYES_PER_WIDTH) {
      out.push({
        rows: ['eyeDistance', 'faceWidthShare'],
        detail: `eyes ${eyesTarget} px apart need a face "too close" in a ${SMALLEST_CROP_WIDTH} px wide crop`,
      });
    }
    // margin = gap / face side: the oval keeps its distance from the crop's edges.
    const gap = Math.min(
      OVAL.cx - OVAL.rx,
      1 - OVAL.cx - OVAL.rx,
      (OVAL.cy - OVAL.ry) / CROP_ASPECT,
      (1 - OVAL.cy - OVAL.ry) / CROP_ASPECT,
    );
    if (marginTarget !== null && gap / closeTarget <= marginTarget) {
      out.push({ rows: ['margin', 'faceWidthShare'], detail: 'a face allowed inside the oval would count as cropped' });
    }
  }
  // Light that is neither too dark nor too bright needs some range between the two targets.
  if (darkTarget !== null && brightTarget !== null && brightTarget - darkTarget < MIN_LIGHT_RANGE) {
    out.push({
      rows: ['darkness', 'brightness'],
      detail: `less than ${MIN_LIGHT_RANGE} luma between "too dark" and "too bright"`,
    });
  }
  return out;
}

/** Face brightness moves by tens of luma levels with skin tone and a turn of the head. */
export const MIN_LIGHT_RANGE = 60;
