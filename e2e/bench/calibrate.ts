/**
 * Prints the rule readings of every camera clip, measured the way the browser measures them
 * (centred 3:4 crop, Human on WASM, analysed 640 px tall). Run after changing a clip or a
 * number in src/core/rules/table.ts: `npx tsx e2e/bench/calibrate.ts [clip...]`.
 */
import { spawnSync } from 'node:child_process';
import sharp from 'sharp';
import { portraitCrop } from '../../src/core/capture/crop.ts';
import { measure } from '../../src/core/analysis/measure/measure.ts';
import { ANALYSIS_HEIGHT } from '../../src/core/analysis/measure/scale.ts';
import { evaluate } from '../../src/core/rules/evaluate.ts';
import { buildClips } from '../setup/clips.mjs';
import { decodeRgba, detectFaces } from '../support/human-node.ts';

function firstFrame(file: string): Buffer {
  const r = spawnSync(
    'ffmpeg',
    ['-hide_banner', '-loglevel', 'error', '-i', file, '-frames:v', '1', '-f', 'image2', '-c:v', 'png', '-'],
    {
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (r.status !== 0) throw new Error(`ffmpeg could not read ${file}`);
  return r.stdout;
}

const clips = buildClips() as Record<string, string>;
const wanted = process.argv.slice(2);
const rows: Record<string, unknown>[] = [];
for (const [name, file] of Object.entries(clips)) {
  if (wanted.length && !wanted.includes(name)) continue;
  const frame = firstFrame(file);
  const meta = await sharp(frame).metadata();
  const plan = portraitCrop(meta.width ?? 0, meta.height ?? 0);
  const cropped = await sharp(frame)
    .extract({ left: plan.sx, top: plan.sy, width: plan.sw, height: plan.sh })
    .png()
    .toBuffer();
  const image = await decodeRgba(cropped, Math.min(ANALYSIS_HEIGHT, plan.sh));
  const faces = await detectFaces(image);
  const m = measure({ faces, image, crop: { width: plan.width, height: plan.height } });
  const e = evaluate(m.readings, { mode: 'limit' });
  const r = m.readings;
  const f = (v: number | null, d = 1) => (v === null ? '-' : v.toFixed(d));
  rows.push({
    clip: name,
    faces: `${r.faceCount} [${faces.map((x) => x.score.toFixed(2)).join(',')}]`,
    side: f(r.faceSide, 0),
    eyes: f(r.eyeDistance, 0),
    share: f(r.faceWidthShare, 2),
    margin: f(r.margin, 2),
    overflow: f(r.ovalOverflow, 3),
    offset: m.face ? `${m.face.offset.x.toFixed(0)},${m.face.offset.y.toFixed(0)}` : '-',
    'yaw/pitch/roll': m.face?.pose
      ? `${m.face.pose.yaw.toFixed(1)}/${m.face.pose.pitch.toFixed(1)}/${m.face.pose.roll.toFixed(1)}`
      : '-',
    luma: f(r.brightness, 0),
    clip_: f(r.clipped, 3),
    uneven: f(r.unevenness, 3),
    sharp: f(r.sharpness, 3),
    eyesOpen: f(r.eyeOpenness, 3),
    mesh: f(r.meshConfidence, 2),
    fails: e.failures.join(' '),
  });
}
console.table(rows);
