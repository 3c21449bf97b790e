/**
 * Head angles against known poses of the fixture face, read through the Node detector exactly
 * as the browser reads a camera frame. Prints expected against read; fails past the stated
 * tolerances.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { axesOf, poseOf as poseOfAxes, turnedInImage } from './pose.ts';
import type { HeadPose } from './types.ts';
import { mirrored, rotated, turned, type PosedStill } from './testing/poses.ts';
import { analyseFrame, ASTRONAUT, cameraFrame, fmt, STILL_FACE } from './testing/scenes.ts';

const still = readFileSync(ASTRONAUT);

async function poseOf(posed: PosedStill): Promise<HeadPose> {
  const m = await analyseFrame(await cameraFrame(posed.still, { scale: 3.2, fx: 0.5, fy: 0.46, anchor: posed.anchor }));
  const pose = m.face?.pose;
  if (!pose || m.readings.faceCount !== 1) throw new Error('no single face with a pose');
  return pose;
}

const table: Record<string, string>[] = [];
function print(name: string, expected: string, read: HeadPose): void {
  table.push({ pose: name, expected, 'read yaw/pitch/roll': `${fmt(read.yaw)} / ${fmt(read.pitch)} / ${fmt(read.roll)}` });
}

// Real models on a shared machine: generous time, nothing timed.
describe('head angles against known poses', { timeout: 120_000 }, () => {
  let frontal: HeadPose;

  it('the frontal fixture: yaw near 0, roll its own 2.5° lean, pitch within 12° (see below)', async () => {
    frontal = await poseOf({ still, anchor: { ...STILL_FACE.anchor } });
    print('frontal', `0 / ~-10 / ${STILL_FACE.rollDeg}`, frontal);
    expect(Math.abs(frontal.yaw)).toBeLessThanOrEqual(3);
    expect(Math.abs(frontal.roll - STILL_FACE.rollDeg)).toBeLessThanOrEqual(2);
    // The whole midline of the mesh (forehead, brow, nose, lips, chin) leans the same ~10°
    // chin-down: a portrait taken from a little above eye level, not a bias of one keypoint.
    // No offset is subtracted: one face cannot tell the camera's height from a model bias.
    expect(frontal.pitch).toBeLessThan(0);
    expect(Math.abs(frontal.pitch)).toBeLessThanOrEqual(12);
  });

  it('a mirror image reads the same |yaw| and pitch, and the opposite roll', async () => {
    const read = await poseOf(await mirrored(still));
    print('mirrored', `${fmt(-frontal.yaw)} / ${fmt(frontal.pitch)} / ${fmt(-frontal.roll)}`, read);
    expect(Math.abs(Math.abs(read.yaw) - Math.abs(frontal.yaw))).toBeLessThanOrEqual(2);
    expect(Math.abs(read.pitch - frontal.pitch)).toBeLessThanOrEqual(2.5);
    expect(Math.abs(read.roll + STILL_FACE.rollDeg)).toBeLessThanOrEqual(2);
  });

  // A photo turned on the table: the face keeps its own pose, so a face that looks a little
  // down, leaned sideways, also looks a little to one side in the camera's frame. The expected
  // angles are the frontal reading turned exactly by the same amount.
  it.each([-40, -20, -10, 10, 20, 40])('turned in the image plane by %i°: the frontal pose turned by as much', async (deg) => {
    const read = await poseOf(await rotated(still, deg));
    const expected = poseOfAxes(turnedInImage(axesOf(frontal), deg));
    print(`in-plane ${deg}°`, `${fmt(expected.yaw)} / ${fmt(expected.pitch)} / ${fmt(expected.roll)}`, read);
    // The mesh itself wanders by a few degrees with where the face sits in its crop (the same
    // frontal face reads pitch −8 to −12 across the oval), most near the detector's own
    // straightening threshold (~12°): −20° reads 3° short of the turn, whichever way read.
    expect(Math.abs(read.roll - expected.roll)).toBeLessThanOrEqual(3.5);
    expect(Math.abs(read.yaw - expected.yaw)).toBeLessThanOrEqual(3.5);
    expect(Math.abs(read.pitch - expected.pitch)).toBeLessThanOrEqual(4);
  });

  // Warped over a head model: the read change must have the turn's sign and 0.5–1.1 of its size.
  it.each<[number, number]>([
    [15, 0],
    [-15, 0],
    [30, 0],
    [-30, 0],
    [0, 15],
    [0, -15],
    [0, 25],
    [0, -25],
  ])('a head turn of yaw %i°, pitch %i° reads that way', async (yaw, pitch) => {
    const read = await poseOf(await turned(still, yaw, pitch));
    const dYaw = read.yaw - frontal.yaw;
    const dPitch = read.pitch - frontal.pitch;
    print(`turn ${yaw}°, nod ${pitch}°`, `≈ ${fmt(frontal.yaw + yaw)} / ${fmt(frontal.pitch + pitch)} / ${fmt(frontal.roll)}`, read);
    for (const [wanted, got, other] of [
      [yaw, dYaw, dPitch],
      [pitch, dPitch, dYaw],
    ] as const) {
      if (wanted === 0) continue;
      expect(Math.sign(got)).toBe(Math.sign(wanted));
      expect(Math.abs(got)).toBeGreaterThanOrEqual(0.5 * Math.abs(wanted));
      expect(Math.abs(got)).toBeLessThanOrEqual(1.1 * Math.abs(wanted));
      // The other axis barely moves.
      expect(Math.abs(other)).toBeLessThanOrEqual(6);
    }
  });
});

afterAll(() => console.table(table));
