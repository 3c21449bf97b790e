import { describe, expect, it } from 'vitest';
import { assumedCamera } from './landmarks68/camera.ts';
import { INNER } from './landmarks68/indices.ts';
import { landmarkPose } from './landmarks68/pose.ts';
import { HEAD_TEMPLATE } from './landmarks68/template.ts';
import { axesOf, poseOf, turnedInImage, type Vec3 } from './pose.ts';
import type { Point } from '../types.ts';

const CROP = { width: 810, height: 1080 };
const camera = assumedCamera(CROP);

/**
 * The template head turned by its frame's axes (columns), its centre at `at` (crop pixels,
 * depth in template units from the camera), seen through the assumed camera: the 68
 * landmarks, the inner ones exact and the jaw left out.
 */
function seen(axes: { x: Vec3; y: Vec3; z: Vec3 }, at: Vec3 = [405, 500, 2600]): Array<Point | undefined> {
  const points: Array<Point | undefined> = Array.from({ length: 68 }, () => undefined);
  const centre = { x: ((at[0] - camera.cx) * at[2]) / camera.focal, y: ((at[1] - camera.cy) * at[2]) / camera.focal };
  INNER.forEach((index, k) => {
    const [a, b, c] = HEAD_TEMPLATE[k] ?? [0, 0, 0];
    const x = centre.x + axes.x[0] * a + axes.y[0] * b + axes.z[0] * c;
    const y = centre.y + axes.x[1] * a + axes.y[1] * b + axes.z[1] * c;
    const z = at[2] + axes.x[2] * a + axes.y[2] * b + axes.z[2] * c;
    points[index] = { x: camera.cx + (camera.focal * x) / z, y: camera.cy + (camera.focal * y) / z };
  });
  return points;
}

const rad = (d: number): number => (d * Math.PI) / 180;
const identity = { x: [1, 0, 0] as Vec3, y: [0, 1, 0] as Vec3, z: [0, 0, 1] as Vec3 };

describe('landmarkPose', () => {
  it('reads 0, 0, 0 for the template facing the camera anywhere in the picture, near or far', () => {
    for (const at of [
      [405, 500, 2600],
      [150, 200, 2600],
      [700, 900, 4000],
    ] as Vec3[]) {
      const pose = landmarkPose(seen(identity, at), CROP);
      expect(pose?.yaw).toBeCloseTo(0, 1);
      expect(pose?.pitch).toBeCloseTo(0, 1);
      expect(pose?.roll).toBeCloseTo(0, 1);
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
      ([x, y, z]) => [
        x,
        y * Math.cos(rad(-12)) + z * Math.sin(rad(-12)),
        -y * Math.sin(rad(-12)) + z * Math.cos(rad(-12)),
      ],
      { yaw: 0, pitch: -12, roll: 0 },
    ],
    // The person's left side (image right, +x) drops: clockwise on the screen.
    [
      'leaning 30° clockwise',
      ([x, y, z]) => [x * Math.cos(rad(30)) - y * Math.sin(rad(30)), x * Math.sin(rad(30)) + y * Math.cos(rad(30)), z],
      { yaw: 0, pitch: 0, roll: 30 },
    ],
  ])('%s', (_name, move, expected) => {
    const pose = landmarkPose(seen({ x: move([1, 0, 0]), y: move([0, 1, 0]), z: move([0, 0, 1]) }), CROP);
    expect(pose?.yaw).toBeCloseTo(expected.yaw, 1);
    expect(pose?.pitch).toBeCloseTo(expected.pitch, 1);
    expect(pose?.roll).toBeCloseTo(expected.roll, 1);
  });

  it.each<[number, number, number]>([
    [10, 0, 0],
    [-35, 0, 0],
    [0, 22, 0],
    [0, 0, -15],
    [20, -10, 5],
    [-15, 25, 40],
    [30, 30, -30],
  ])("recovers yaw %i, pitch %i, roll %i together, off the picture's centre too", (yaw, pitch, roll) => {
    for (const at of [[405, 500, 2600] as Vec3, [200, 350, 3000] as Vec3]) {
      const pose = landmarkPose(seen(axesOf({ yaw, pitch, roll }), at), CROP);
      expect(pose?.yaw).toBeCloseTo(yaw, 1);
      expect(pose?.pitch).toBeCloseTo(pitch, 1);
      expect(pose?.roll).toBeCloseTo(roll, 1);
    }
  });

  it('needs every inner landmark', () => {
    const points = seen(identity);
    points[30] = undefined;
    expect(landmarkPose(points, CROP)).toBeNull();
    expect(landmarkPose([], CROP)).toBeNull();
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
