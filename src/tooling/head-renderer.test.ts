// The head renderer (e2e/head/renderer.ts) checked here, where Vitest looks: its pictures are
// full-size and textured, and its projections move the way the pose conventions say.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHeadRenderer, type HeadPose, type HeadRenderer, type Point2 } from '../../e2e/head/renderer.ts';

/** The frontmost vertex near the scan's mirror plane (e2e/fixtures/head/README.md). */
const NOSE_TIP = { x: -0.0878, y: 1.0975, z: 2.5904 };
/** On the midline above the pivot, high on the forehead: leans with the head under roll. */
const FOREHEAD = { x: -0.09, y: 2.6, z: 2.0 };
const FRONTAL: HeadPose = { yaw: 0, pitch: 0, roll: 0 };

let renderer: HeadRenderer;
beforeAll(async () => {
  renderer = await openHeadRenderer();
}, 60_000);
afterAll(async () => {
  await renderer.close();
});

async function region(png: Buffer, left: number, top: number, size: number): Promise<{ mean: number; spread: number }> {
  // Raw pixels rather than sharp's stats(), which describes the whole input whatever the crop.
  const grey = await sharp(png).extract({ left, top, width: size, height: size }).greyscale().raw().toBuffer();
  const mean = grey.reduce((sum, v) => sum + v, 0) / grey.length;
  const spread = Math.sqrt(grey.reduce((sum, v) => sum + (v - mean) ** 2, 0) / grey.length);
  return { mean, spread };
}

async function noseAt(pose: HeadPose): Promise<Point2> {
  const [point] = await renderer.project(pose, undefined, [NOSE_TIP]);
  if (!point) throw new Error('no projection');
  return point;
}

describe('the head renderer', () => {
  it('renders 1920x1080 stills with a textured face on a plain grey background, frontal and turned', async () => {
    for (const pose of [FRONTAL, { yaw: 20, pitch: 0, roll: 0 }]) {
      const png = await renderer.render(pose);
      const meta = await sharp(png).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['png', 1920, 1080]);
      const background = await region(png, 0, 0, 200);
      expect(background.spread).toBeLessThan(1);
      expect(Math.abs(background.mean - 128)).toBeLessThan(3);
      // The middle of the face (eyes, nose, mouth) around the pivot, which lands at the centre.
      const face = await region(png, 960 - 150, 540 - 150, 300);
      expect(face.spread).toBeGreaterThan(10);
    }
  }, 30_000);

  it('moves the nose tip right for positive yaw, up for positive pitch, and leans the head clockwise for positive roll', async () => {
    const frontal = await noseAt(FRONTAL);
    // Frontal: the nose tip is on the midline, a little below the pivot (it sits lower than the eyes).
    expect(Math.abs(frontal.x - 960)).toBeLessThan(5);
    expect(frontal.y).toBeGreaterThan(540);
    const yawed = await noseAt({ yaw: 20, pitch: 0, roll: 0 });
    // 0.9 units in front of the pivot, 7.3 from the camera: sin 20° of it is about 40 px.
    expect(yawed.x - frontal.x).toBeGreaterThan(25);
    const pitched = await noseAt({ yaw: 0, pitch: 10, roll: 0 });
    expect(frontal.y - pitched.y).toBeGreaterThan(10);
    const [upright, rolled] = await Promise.all([
      renderer.project(FRONTAL, undefined, [FOREHEAD]),
      renderer.project({ yaw: 0, pitch: 0, roll: 10 }, undefined, [FOREHEAD]),
    ]);
    // Clockwise in the image: the top of the head goes to the right.
    expect((rolled[0]?.x ?? 0) - (upright[0]?.x ?? 0)).toBeGreaterThan(15);
  });

  it('puts the pivot where `at` asks, without changing the pose relative to the optical axis', async () => {
    const shot = { at: { x: 0.3, y: 0.6 } };
    const [pivot] = await renderer.project({ yaw: 10, pitch: 5, roll: -5 }, shot, [{ x: -0.09, y: 1.2, z: 1.7 }]);
    expect(pivot?.x).toBeCloseTo(576, 3);
    expect(pivot?.y).toBeCloseTo(648, 3);
  });

  it('finds the nose tip on the surface under its own projection, and nothing over the background', async () => {
    for (const pose of [FRONTAL, { yaw: 20, pitch: 10, roll: -10 }]) {
      const nose = await noseAt(pose);
      const [hit, miss] = await renderer.surfacePoints(pose, undefined, [nose, { x: 10, y: 10 }]);
      expect(hit).not.toBeNull();
      const distance = hit ? Math.hypot(hit.x - NOSE_TIP.x, hit.y - NOSE_TIP.y, hit.z - NOSE_TIP.z) : Infinity;
      expect(distance).toBeLessThan(0.05);
      expect(miss).toBeNull();
    }
  });
});
