import sharp from 'sharp';
import { openHeadRenderer, type HeadPose, type HeadRenderer, type Shot } from '../head/renderer.ts';
import { FACE_CENTRE } from '../setup/clips.mjs';
import { poseKey, type PoseStills } from './scripted-camera.ts';

/**
 * The scripted camera's turned and nodded faces: the textured head scan (e2e/fixtures/head)
 * rendered at the pose, made at test time, as a 512 px still framed like the frontal fixture
 * photo it stands in for: its mid-face where the photo's face centre is, and about as large
 * (0.7 m from a camera of 60° over 512 px). The head is rendered on the camera's axis and the
 * still cut around it, so the still carries no perspective of a head seen off-axis (a head
 * drawn high in the render read 12° chin-up). Every yaw in `yaws` with a level head, every
 * pitch in `pitches` facing ahead; the frontal still stays the photo.
 */
const SIDE = 512;
const RENDER = 2 * SIDE;
const SHOT: Shot = {
  width: RENDER,
  height: RENDER,
  // The same focal length as 60° over 512 px, over twice the width.
  vfovDeg: (2 * Math.atan(2 * Math.tan(Math.PI / 6)) * 180) / Math.PI,
  distanceM: 0.7,
  at: { x: 0.5, y: 0.5 },
};

async function still(renderer: HeadRenderer, pose: HeadPose): Promise<Buffer> {
  const png = await renderer.render(pose, SHOT);
  return sharp(png)
    .extract({ left: RENDER / 2 - FACE_CENTRE.x, top: RENDER / 2 - FACE_CENTRE.y, width: SIDE, height: SIDE })
    .png()
    .toBuffer();
}

export async function poseStills(yaws: readonly number[], pitches: readonly number[]): Promise<PoseStills> {
  const renderer = await openHeadRenderer();
  try {
    const out: Record<string, Buffer> = {};
    for (const yaw of yaws) if (yaw !== 0) out[poseKey(yaw, 0)] = await still(renderer, { yaw, pitch: 0, roll: 0 });
    for (const pitch of pitches)
      if (pitch !== 0) out[poseKey(0, pitch)] = await still(renderer, { yaw: 0, pitch, roll: 0 });
    return out;
  } finally {
    await renderer.close();
  }
}

/** -max, -max+step, …, max. */
export function steps(max: number, step: number): number[] {
  const out: number[] = [];
  for (let v = -max; v <= max; v += step) out.push(v);
  return out;
}
