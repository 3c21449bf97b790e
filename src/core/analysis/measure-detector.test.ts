import { spawnSync } from 'node:child_process';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildClips } from '../../../e2e/setup/clips.mjs';
import { loadNodeDetector } from '../../server/reference/human-node.ts';
import { portraitCrop } from '../capture/crop.ts';
import type { RuleCode } from '../rules/codes.ts';
import { evaluate, primaryFailure } from '../rules/evaluate.ts';
import type { Readings } from '../rules/table.ts';
import { DETECTOR_ONLY_FLOOR, MESH_READINGS, measureDetector } from './measure-detector.ts';
import { measure } from './measure.ts';
import { ANALYSIS_HEIGHT } from './scale.ts';
import type { FaceInput } from './types.ts';

/** A detector find: box and the six keypoints (eyes first), eyes `eye` px apart at (cx, cy). */
function find(cx: number, cy: number, eye: number, score = 0.9): FaceInput {
  const e = eye / 2;
  return {
    score,
    box: { x: cx - eye * 2, y: cy - eye * 2, width: eye * 4, height: eye * 4 },
    mesh: [
      [cx + e, cy - eye * 0.5],
      [cx - e, cy - eye * 0.5],
      [cx, cy],
      [cx, cy + eye * 0.4],
      [cx + eye, cy],
      [cx - eye, cy],
    ],
  };
}

const image = { width: 480, height: 640 };
const crop = { width: 810, height: 1080 };
const at = (x: number, y: number) => ({ x: x * image.width, y: y * image.height });

describe('readings from the detector alone', () => {
  it.each<[string, FaceInput[], Partial<Record<keyof Readings, number | null>>, RuleCode | null]>([
    // name, finds (analysed-image pixels), readings expected (crop pixels), first hint
    ['nothing found', [], { faceCount: 0, faceSide: null }, 'FACE_NOT_FOUND'],
    [
      'a weak find does not count without the mesh',
      [find(at(0.5, 0.46).x, at(0.5, 0.46).y, 80, DETECTOR_ONLY_FLOOR - 0.05)],
      { faceCount: 0 },
      'FACE_NOT_FOUND',
    ],
    ['two faces', [find(150, 300, 60), find(330, 300, 60)], { faceCount: 2 }, 'TOO_MANY_FACES'],
    // 80 px between the eyes at 480 wide is 135 px in the 810 px crop: 142 on the mesh's scale
    // (the test finds' box is 4 eye distances: 2.3 eye distances from the box, more than 2.25 from the eyes)
    ['well placed, well sized: no hint yet', [find(at(0.5, 0.46).x, at(0.5, 0.46).y, 80)], { faceCount: 1, eyeDistance: 141.75, faceSide: 310.5 }, null],
    ['far away', [find(at(0.5, 0.46).x, at(0.5, 0.46).y, 30)], { eyeDistance: 53.16, faceSide: 116.44 }, 'FACE_TOO_SMALL'],
    ['too close', [find(at(0.5, 0.5).x, at(0.5, 0.5).y, 170)], { faceWidthShare: 0.815 }, 'FACE_TOO_CLOSE'],
    ['off to one side', [find(at(0.3, 0.46).x, at(0.3, 0.46).y, 80)], { faceCount: 1 }, 'FACE_CLOSE_TO_BORDER'],
  ])('%s', (_name, faces, expected, hint) => {
    const m = measureDetector({ faces, image, crop });
    for (const [key, value] of Object.entries(expected)) {
      if (value === null) expect(m.readings[key as keyof Readings]).toBeNull();
      else expect(m.readings[key as keyof Readings]).toBeCloseTo(value, 2);
    }
    expect(m.pending).toEqual(MESH_READINGS);
    for (const key of MESH_READINGS) expect(m.readings[key]).toBeNull();
    const e = evaluate(m.readings, { mode: 'guide', pending: m.pending ?? [] });
    expect(primaryFailure(e)).toBe(hint);
    expect(e.compliant).toBe(false);
    expect(m.motionSample).toBeNull();
  });
});

/** The codes the detector alone can give; any other hint waits for the mesh. */
const DETECTOR_CODES: ReadonlySet<RuleCode> = new Set<RuleCode>([
  'FACE_NOT_FOUND',
  'TOO_MANY_FACES',
  'FACE_TOO_SMALL',
  'FACE_TOO_CLOSE',
  'FACE_CROPPED',
  'FACE_CLOSE_TO_BORDER',
]);

describe('on every camera clip, the detector alone gives the first hint the full analysis gives', () => {
  const rows: Array<{ clip: string; full: Readings; detector: Readings; fullHint: RuleCode | null; detectorHint: RuleCode | null }> = [];

  beforeAll(async () => {
    const clips = buildClips() as Record<string, string>;
    const full = await loadNodeDetector();
    const detectorOnly = await loadNodeDetector(undefined, { landmarks: false, asBrowser: true });
    for (const [clip, file] of Object.entries(clips)) {
      const r = spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-i', file, '-frames:v', '1', '-f', 'image2', '-c:v', 'png', '-'], {
        maxBuffer: 1 << 26,
        timeout: 30_000,
      });
      if (r.status !== 0) throw new Error(`ffmpeg could not read ${file}`);
      const meta = await sharp(r.stdout).metadata();
      const plan = portraitCrop(meta.width ?? 0, meta.height ?? 0);
      const { data, info } = await sharp(r.stdout)
        .extract({ left: plan.sx, top: plan.sy, width: plan.sw, height: plan.sh })
        .resize({ height: Math.min(ANALYSIS_HEIGHT, plan.sh) })
        .ensureAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      const img = { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
      const size = { width: plan.width, height: plan.height };
      const f = measure({ faces: await full.detect(img), image: img, crop: size });
      const d = measureDetector({ faces: await detectorOnly.detect(img), image: img, crop: size });
      rows.push({
        clip,
        full: f.readings,
        detector: d.readings,
        fullHint: primaryFailure(evaluate(f.readings, { mode: 'guide' })),
        detectorHint: primaryFailure(evaluate(d.readings, { mode: 'guide', pending: d.pending ?? [] })),
      });
    }
    const n = (v: number | null) => (v === null ? '-' : v.toFixed(v < 10 ? 3 : 0));
    console.table(
      Object.fromEntries(
        rows.map((r) => [
          r.clip,
          {
            faces: `${r.full.faceCount} / ${r.detector.faceCount}`,
            side: `${n(r.full.faceSide)} / ${n(r.detector.faceSide)}`,
            eyes: `${n(r.full.eyeDistance)} / ${n(r.detector.eyeDistance)}`,
            oval: `${n(r.full.ovalOverflow)} / ${n(r.detector.ovalOverflow)}`,
            hint: `${r.fullHint ?? '-'} / ${r.detectorHint ?? '-'}`,
          },
        ]),
      ),
    );
  }, 300_000);

  it('reads every clip', () => {
    expect(rows.length).toBeGreaterThanOrEqual(12);
  });

  it('the same hint where it is a detector hint, none (pending) otherwise', () => {
    // A turned head's landmarks close up (eyes 86 px where the detector reads 99): the full
    // reading asks for size first, which the guidance turns into "face the camera" (hint.ts).
    const compared = rows.filter((r) => r.clip !== 'turned');
    const expected = compared.map((r) => [r.clip, r.fullHint !== null && DETECTOR_CODES.has(r.fullHint) ? r.fullHint : null]);
    expect(compared.map((r) => [r.clip, r.detectorHint])).toEqual(expected);
  });

  it("face size within 12 % of the landmarks' on frontal faces (turned and tilted heads differ more)", () => {
    // The washed-out face too: stretched to a normal exposure, its landmarks close in by ~20 %.
    for (const r of rows.filter((x) => x.full.faceSide !== null && !['turned', 'tilted', 'close', 'overexposed'].includes(x.clip))) {
      expect(Math.abs((r.detector.faceSide ?? 0) / (r.full.faceSide ?? 1) - 1), r.clip).toBeLessThan(0.12);
      expect(Math.abs((r.detector.eyeDistance ?? 0) / (r.full.eyeDistance ?? 1) - 1), r.clip).toBeLessThan(0.1);
    }
  });
});
