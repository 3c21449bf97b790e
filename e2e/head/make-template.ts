/**
 * Writes src/core/analysis/measure/landmarks68/template.ts: where the landmark network puts each
 * inner landmark on the head scan, in 3D. The scan is rendered facing the camera and turned
 * 5° each way; each render is read as the analysis reads a frame, and each landmark's pixel is
 * traced back onto the scan's surface (in the scan's own, unrotated coordinates), then
 * averaged over the renders. `npm run head:template`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { INNER } from '../../src/core/analysis/measure/landmarks68/indices.ts';
import { readStill } from './read-pose.ts';
import { openHeadRenderer, type HeadPose } from './renderer.ts';

const TARGET = fileURLToPath(new URL('../../src/core/analysis/measure/landmarks68/template.ts', import.meta.url));
const POSES: HeadPose[] = [
  { yaw: 0, pitch: 0, roll: 0 },
  { yaw: 5, pitch: 0, roll: 0 },
  { yaw: -5, pitch: 0, roll: 0 },
  { yaw: 0, pitch: 5, roll: 0 },
  { yaw: 0, pitch: -5, roll: 0 },
];

const renderer = await openHeadRenderer();
const sums = INNER.map(() => ({ x: 0, y: 0, z: 0, n: 0 }));
try {
  for (const pose of POSES) {
    const { landmarksInFrame } = await readStill(await renderer.render(pose));
    if (!landmarksInFrame) throw new Error(`no face read at ${JSON.stringify(pose)}`);
    const hits = await renderer.surfacePoints(
      pose,
      undefined,
      INNER.map((i) => landmarksInFrame[i] ?? { x: -1, y: -1 }),
    );
    hits.forEach((hit, k) => {
      const s = sums[k];
      if (hit && s) Object.assign(s, { x: s.x + hit.x, y: s.y + hit.y, z: s.z + hit.z, n: s.n + 1 });
    });
  }
} finally {
  await renderer.close();
}
const missing = sums.findIndex((s) => s.n === 0);
if (missing >= 0) throw new Error(`landmark ${INNER[missing] ?? missing} never landed on the head`);
// The scan's axes (+y up, +z out of the face) turned into the face frame (y down, z into the head).
const points = sums.map((s) => [s.x / s.n, -s.y / s.n, -s.z / s.n] as const);
const centre = [0, 1, 2].map((k) => points.reduce((sum, p) => sum + (p[k] ?? 0), 0) / points.length);
const rows = points.map((p) => `[${p.map((v, k) => ((v - (centre[k] ?? 0)) * 100).toFixed(2)).join(', ')}]`);
const source = readFileSync(TARGET, 'utf8');
const next = source.replace(/= \[[\s\S]*\];\s*$/, `= [\n  ${rows.join(',\n  ')},\n];\n`);
writeFileSync(TARGET, next);
console.log(`wrote ${rows.length} points to ${TARGET}`);
