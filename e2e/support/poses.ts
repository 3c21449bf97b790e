import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { turned } from '../../src/core/analysis/testing/poses.ts';
import { FIXTURES } from '../setup/clips.mjs';
import { poseKey, type PoseStills } from './scripted-camera.ts';

/**
 * The fixture face turned and nodded in steps, made at test time (a warp over a head-shaped
 * ellipsoid: a model of a turn, which the analysis reads with the right sign and roughly its
 * size): every yaw in `yaws` with a level head, every pitch in `pitches` facing ahead.
 */
export async function poseStills(yaws: readonly number[], pitches: readonly number[]): Promise<PoseStills> {
  const still = readFileSync(join(FIXTURES, 'astronaut.png'));
  const out: Record<string, Buffer> = {};
  for (const yaw of yaws) if (yaw !== 0) out[poseKey(yaw, 0)] = (await turned(still, yaw, 0)).still;
  for (const pitch of pitches) if (pitch !== 0) out[poseKey(0, pitch)] = (await turned(still, 0, pitch)).still;
  return out;
}

/** -max, -max+step, …, max. */
export function steps(max: number, step: number): number[] {
  const out: number[] = [];
  for (let v = -max; v <= max; v += step) out.push(v);
  return out;
}
