import { describe, expect, it } from 'vitest';
import type { FaceGeometry } from '../analysis/types.ts';
import { moveFor } from './direction.ts';

const crop = { width: 810, height: 1080 };

function face(
  offset: { x: number; y: number },
  pose: FaceGeometry['pose'] = { yaw: 0, pitch: 0, roll: 0 },
): FaceGeometry {
  const p = { x: 0, y: 0 };
  return { box: { x: 0, y: 0, width: 1, height: 1 }, centre: p, leftEye: p, rightEye: p, outline: [], offset, pose };
}

describe('which way a hint asks the person to move (mirrored preview)', () => {
  it.each<[string, string, FaceGeometry, string | undefined]>([
    // The camera sees the face right of the oval: the mirror shows it on the left, so move right.
    ['face right of the oval in the camera image', 'ovalOverflow', face({ x: 120, y: 0 }), 'move-right'],
    ['face left of the oval in the camera image', 'ovalOverflow', face({ x: -120, y: 10 }), 'move-left'],
    ['face below the oval', 'ovalOverflow', face({ x: 5, y: 150 }), 'move-up'],
    ['face above the oval', 'ovalOverflow', face({ x: 5, y: -150 }), 'move-down'],
    // 100 px sideways is 0.41 of the radius, 100 px down 0.27: sideways first.
    ['both off: the larger miss in radius units', 'ovalOverflow', face({ x: 100, y: 100 }), 'move-right'],
    ['cut off at an edge: towards the middle', 'margin', face({ x: -300, y: 0 }), 'move-left'],
    [
      "head turned to the image right (the person's left)",
      'yaw',
      face({ x: 0, y: 0 }, { yaw: 25, pitch: 0, roll: 0 }),
      'turn-right',
    ],
    ['head turned to the image left', 'yaw', face({ x: 0, y: 0 }, { yaw: -25, pitch: 0, roll: 0 }), 'turn-left'],
    ['chin up', 'pitch', face({ x: 0, y: 0 }, { yaw: 0, pitch: 30, roll: 0 }), 'chin-down'],
    ['chin down', 'pitch', face({ x: 0, y: 0 }, { yaw: 0, pitch: -30, roll: 0 }), 'chin-up'],
    ['leaning clockwise in the image', 'roll', face({ x: 0, y: 0 }, { yaw: 0, pitch: 0, roll: 35 }), 'tilt-right'],
    ['leaning the other way', 'roll', face({ x: 0, y: 0 }, { yaw: 0, pitch: 0, roll: -35 }), 'tilt-left'],
    ['no depth: no pose, no direction', 'yaw', face({ x: 0, y: 0 }, null), undefined],
    ['a size row has no direction', 'faceSide', face({ x: 120, y: 0 }), undefined],
  ])('%s → %s', (_name, row, geometry, move) => {
    expect(moveFor(row, geometry, crop)).toBe(move);
  });

  it('says nothing without a face', () => {
    expect(moveFor('ovalOverflow', null, crop)).toBeUndefined();
  });
});
