// Head angles against known poses: the textured head scan rendered at known yaw, pitch and
// roll (e2e/head/renderer.ts) and read the way the browser reads a frame (e2e/head/read-pose.ts).
// Prints the table true vs read and fails past the tolerances the guidance relies on
// (e2e/head/known-poses.ts, which the detector's encoding is chosen against too).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  judgeKnownPoses,
  judgeSpread,
  KNOWN_POSES,
  poseTable,
  SPREAD_POSE,
  SPREAD_SHOTS,
  type PoseRow,
} from '../../e2e/head/known-poses.ts';
import { openHeadRenderer, type HeadPose, type HeadRenderer, type Shot } from '../../e2e/head/renderer.ts';
import { readStill } from '../../e2e/head/read-pose.ts';
import { evaluate } from '../core/rules/evaluate.ts';

let renderer: HeadRenderer;
beforeAll(async () => {
  renderer = await openHeadRenderer();
}, 60_000);
afterAll(async () => {
  await renderer.close();
});

async function read(pose: HeadPose, shot?: Shot): Promise<PoseRow> {
  const { measurement } = await readStill(await renderer.render(pose, shot));
  // Guidance from a standing start: each row must reach its target (the capture's condition).
  const compliant = evaluate(measurement.readings, { mode: 'guide' }).compliant;
  return { pose, read: measurement.face?.pose ?? null, compliant, overflow: measurement.readings.ovalOverflow };
}

describe('head angles against known poses', () => {
  it('reads yaw, pitch and roll within tolerance, without bias, and captures only what is near frontal', async () => {
    const rows: PoseRow[] = [];
    for (const pose of KNOWN_POSES) rows.push(await read(pose));
    console.log(`\nknown poses, true │ read (degrees)\n${poseTable(rows)}`);
    const { errors, failures } = judgeKnownPoses(rows);
    console.log(
      errors.map((s) => `${s.axis}: mean absolute error ${s.mae.toFixed(2)}°, bias ${s.bias.toFixed(2)}°`).join('\n'),
    );
    expect(failures).toEqual([]);
  }, 240_000);

  it('reads the same pose the same wherever it sits in the oval', async () => {
    const rows: PoseRow[] = [];
    for (const shot of SPREAD_SHOTS) rows.push(await read(SPREAD_POSE, shot));
    console.log(`\none pose at 9 places in the oval, true │ read\n${poseTable(rows)}`);
    const { spreads, failures } = judgeSpread(rows);
    console.log(
      Object.entries(spreads)
        .map(([axis, spread]) => `${axis}: spread ${spread.toFixed(2)}°`)
        .join('\n'),
    );
    expect(failures).toEqual([]);
  }, 120_000);
});
