import { describe, expect, it } from 'vitest';
import { CHIN, FOREHEAD_TOP, MIRROR_PAIRS } from './landmarks.ts';
import { axesOf, headPose, poseOf, turnedInImage, type Point3, type Vec3 } from './pose.ts';

/**
 * An upright, frontal, symmetric head in its own frame (x to the person's left, y down, z into
 * the head, origin at its centre): each mirror pair at ±x, the forehead top and the chin on
 * the midline at the same depth, every other keypoint at the centre.
 */
function frontalHead(): Point3[] {
  const mesh: Point3[] = Array.from({ length: 468 }, () => [0, 0, 0] as const);
  MIRROR_PAIRS.forEach(([right, left], k) => {
    const x = 20 + ((k * 37) % 60);
    const y = -90 + ((k * 53) % 180);
    const z = -40 + ((k * 29) % 70);
    mesh[right] = [-x, y, z];
    mesh[left] = [x, y, z];
  });
  mesh[FOREHEAD_TOP] = [0, -110, -20];
  mesh[CHIN] = [0, 110, -20];
  return mesh;
}

/** The head placed in the camera's view with its frame's axes (columns) and a position. */
function place(mesh: readonly Point3[], axes: { x: Vec3; y: Vec3; z: Vec3 }, at: Vec3 = [400, 500, 0]): Point3[] {
  return mesh.map(([a, b, c]) => [
    at[0] + axes.x[0] * a + axes.y[0] * b + axes.z[0] * c,
    at[1] + axes.x[1] * a + axes.y[1] * b + axes.z[1] * c,
    at[2] + axes.x[2] * a + axes.y[2] * b + axes.z[2] * c,
  ]);
}

const rad = (d: number): number => (d * Math.PI) / 180;

describe('headPose', () => {
  it('reads 0, 0, 0 for a frontal, upright head anywhere in the image', () => {
    const identity = { x: [1, 0, 0] as Vec3, y: [0, 1, 0] as Vec3, z: [0, 0, 1] as Vec3 };
    for (const at of [
      [0, 0, 0],
      [700, 100, 900],
    ] as Vec3[]) {
      const pose = headPose(place(frontalHead(), identity, at));
      expect(pose?.yaw).toBeCloseTo(0, 6);
      expect(pose?.pitch).toBeCloseTo(0, 6);
      expect(pose?.roll).toBeCloseTo(0, 6);
    }
  });

  // Each built by hand as the movement a person makes, not from axesOf().
  it.each<[string, (v: Vec3) => Vec3, { yaw: number; pitch: number; roll: number }]>([
    // The nose (towards the camera, −z) swings to the image's right: x' = x cos − z sin.
    [
      'turned 25° towards the image right',
      ([x, y, z]) => [x * Math.cos(rad(25)) - z * Math.sin(rad(25)), y, x * Math.sin(rad(25)) + z * Math.cos(rad(25))],
      { yaw: 25, pitch: 0, roll: 0 },
    ],
    // The nose rises (−y): y' = y cos + z sin.
    [
      'chin up 18°',
      ([x, y, z]) => [x, y * Math.cos(rad(18)) + z * Math.sin(rad(18)), -y * Math.sin(rad(18)) + z * Math.cos(rad(18))],
      { yaw: 0, pitch: 18, roll: 0 },
    ],
    [
      'chin down 12°',
      ([x, y, z]) => [x, y * Math.cos(rad(-12)) + z * Math.sin(rad(-12)), -y * Math.sin(rad(-12)) + z * Math.cos(rad(-12))],
      { yaw: 0, pitch: -12, roll: 0 },
    ],
    // The person's left side (image right, +x) drops: clockwise on the screen.
    [
      'leaning 30° clockwise',
      ([x, y, z]) => [x * Math.cos(rad(30)) - y * Math.sin(rad(30)), x * Math.sin(rad(30)) + y * Math.cos(rad(30)), z],
      { yaw: 0, pitch: 0, roll: 30 },
    ],
  ])('%s', (_name, move, expected) => {
    const axes = { x: move([1, 0, 0]), y: move([0, 1, 0]), z: move([0, 0, 1]) };
    const pose = headPose(place(frontalHead(), axes));
    expect(pose?.yaw).toBeCloseTo(expected.yaw, 6);
    expect(pose?.pitch).toBeCloseTo(expected.pitch, 6);
    expect(pose?.roll).toBeCloseTo(expected.roll, 6);
  });

  it.each<[number, number, number]>([
    [10, 0, 0],
    [-35, 0, 0],
    [0, 22, 0],
    [0, 0, -15],
    [20, -10, 5],
    [-15, 25, 40],
    [30, 30, -30],
  ])('recovers yaw %i, pitch %i, roll %i together', (yaw, pitch, roll) => {
    const pose = headPose(place(frontalHead(), axesOf({ yaw, pitch, roll })));
    expect(pose?.yaw).toBeCloseTo(yaw, 6);
    expect(pose?.pitch).toBeCloseTo(pitch, 6);
    expect(pose?.roll).toBeCloseTo(roll, 6);
  });

  it('a mirror image has the opposite yaw and roll and the same pitch', () => {
    const pose = { yaw: 17, pitch: -9, roll: 6 };
    const seen = place(frontalHead(), axesOf(pose));
    const mirror: Point3[] = seen.map(([x, y, z]) => [1000 - x, y, z]);
    // The mirror swaps the person's sides, so each pair's keypoints swap too.
    const swapped = [...mirror];
    for (const [right, left] of MIRROR_PAIRS) {
      const r = mirror[right];
      const l = mirror[left];
      if (r && l) {
        swapped[right] = l;
        swapped[left] = r;
      }
    }
    const read = headPose(swapped);
    expect(read?.yaw).toBeCloseTo(-17, 6);
    expect(read?.pitch).toBeCloseTo(-9, 6);
    expect(read?.roll).toBeCloseTo(-6, 6);
  });

  it('a flat mesh (no depth) still gives the exact roll, and yaw and pitch of 0', () => {
    const seen = place(frontalHead(), axesOf({ yaw: 0, pitch: 0, roll: 21 }));
    const flat: Point3[] = seen.map(([x, y]) => [x, y, 0]);
    expect(headPose(flat)?.roll).toBeCloseTo(21, 6);
    expect(headPose(flat)?.yaw).toBeCloseTo(0, 6);
  });

  it('needs every keypoint it reads', () => {
    const mesh: Array<Point3 | undefined> = frontalHead();
    mesh[CHIN] = undefined;
    expect(headPose(mesh)).toBeNull();
    expect(headPose([])).toBeNull();
  });
});

describe('turnedInImage', () => {
  it('adds the turn to the roll of an upright frontal face, and nothing else', () => {
    const pose = poseOf(turnedInImage(axesOf({ yaw: 0, pitch: 0, roll: 5 }), 30));
    expect(pose.roll).toBeCloseTo(35, 6);
    expect(pose.yaw).toBeCloseTo(0, 6);
    expect(pose.pitch).toBeCloseTo(0, 6);
  });

  it('a face looking down, turned clockwise in the picture, now looks down and to the image left', () => {
    const pose = poseOf(turnedInImage(axesOf({ yaw: 0, pitch: -10, roll: 0 }), 40));
    expect(pose.yaw).toBeLessThan(-5);
    expect(pose.pitch).toBeGreaterThan(-10);
    expect(pose.pitch).toBeLessThan(0);
  });
});
