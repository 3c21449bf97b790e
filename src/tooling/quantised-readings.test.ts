/**
 * The re-encoded models read every camera clip the way the shipped float weights do: each
 * rule reading within its tolerance (reading-diff.ts), the same hint, the same verdict. Runs
 * the reference engine's Node Human on a frame of every e2e clip (made by
 * `node e2e/setup/prepare.mjs`, which `npm test` runs first) and prints the table.
 */
import { spawnSync } from 'node:child_process';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildClips } from '../../e2e/setup/clips.mjs';
import { measure } from '../core/analysis/measure.ts';
import { ANALYSIS_HEIGHT } from '../core/analysis/scale.ts';
import { MODEL_NAMES } from '../core/analysis/assets.ts';
import type { RgbaImage } from '../core/analysis/types.ts';
import { portraitCrop } from '../core/capture/crop.ts';
import { evaluate, primaryFailure } from '../core/rules/evaluate.ts';
import type { Readings } from '../core/rules/table.ts';
import { loadNodeDetector, servedModels, type ModelSet } from '../server/reference/human-node.ts';
import { analysisAssets, MODEL_ENCODINGS } from './analysis-assets.ts';
import { compareReadings, TOLERANCE_SHARE } from './reading-diff.ts';
import { describePlan } from './weights.ts';

/** The first frame of a clip as PNG bytes. */
function firstFrame(file: string): Buffer {
  const r = spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-i', file, '-frames:v', '1', '-f', 'image2', '-c:v', 'png', '-'], {
    maxBuffer: 64 * 1024 * 1024,
    timeout: 30_000,
  });
  if (r.status !== 0) throw new Error(`ffmpeg could not read ${file}`);
  return r.stdout;
}

/** The portrait crop the widget would analyse, at the analysis height, as RGBA. */
async function analysisFrame(file: string): Promise<{ image: RgbaImage; crop: { width: number; height: number } }> {
  const frame = firstFrame(file);
  const meta = await sharp(frame).metadata();
  const plan = portraitCrop(meta.width ?? 0, meta.height ?? 0);
  const { data, info } = await sharp(frame)
    .extract({ left: plan.sx, top: plan.sy, width: plan.sw, height: plan.sh })
    .resize({ height: Math.min(ANALYSIS_HEIGHT, plan.sh) })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    image: { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) },
    crop: { width: plan.width, height: plan.height },
  };
}

/** The detector as Human ships it (float32), under plain names. */
const shipped: ModelSet = (() => {
  const float = analysisAssets({ blazeface: 'float32' });
  return { names: float.names, files: new Map(float.files.map((f) => [f.name, f.bytes])) };
})();

interface ClipReadings {
  clip: string;
  reference: Readings;
  candidate: Readings;
}

const results: ClipReadings[] = [];

beforeAll(async () => {
  const clips = buildClips() as Record<string, string>;
  const reference = await loadNodeDetector(shipped);
  const candidate = await loadNodeDetector(servedModels());
  for (const [clip, file] of Object.entries(clips)) {
    const { image, crop } = await analysisFrame(file);
    const read = async (d: typeof reference) => measure({ faces: await d.detect(image), image, crop }).readings;
    results.push({ clip, reference: await read(reference), candidate: await read(candidate) });
  }
  const fmt = (v: number | null) => (v === null ? '-' : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(3));
  console.log(
    `\nreadings, shipped weights → ${MODEL_NAMES.map((m) => `${m} ${describePlan(MODEL_ENCODINGS[m])}`).join(', ')} (tolerance: ${TOLERANCE_SHARE} of each rule's target-to-limit gap)`,
  );
  console.table(
    Object.fromEntries(
      results.map(({ clip, reference, candidate }) => [
        clip,
        Object.fromEntries(compareReadings(reference, candidate).map((d) => [d.reading, `${fmt(d.reference)}→${fmt(d.candidate)}${d.ok ? '' : ' ✗'}`])),
      ]),
    ),
  );
}, 300_000);

describe('re-encoded model weights read every camera clip as the shipped ones do', () => {
  it('reads every clip', () => {
    expect(results.length).toBeGreaterThanOrEqual(12);
  });

  it('every rule reading stays within its tolerance', () => {
    const off = results.flatMap(({ clip, reference, candidate }) =>
      compareReadings(reference, candidate)
        .filter((d) => !d.ok)
        .map((d) => `${clip}.${d.reading}: ${d.reference} → ${d.candidate} (± ${d.tolerance})`),
    );
    expect(off).toEqual([]);
  });

  it('the same hint on every clip (guide mode, first frame)', () => {
    const hints = (pick: (r: ClipReadings) => Readings) => results.map((r) => [r.clip, primaryFailure(evaluate(pick(r), { mode: 'guide' }))]);
    expect(hints((r) => r.candidate)).toEqual(hints((r) => r.reference));
  });

  it('the same compliant or not outcome on every clip, in guide mode and at the limits', () => {
    const outcome = (pick: (r: ClipReadings) => Readings) =>
      results.map((r) => [r.clip, evaluate(pick(r), { mode: 'guide' }).compliant, evaluate(pick(r), { mode: 'limit' }).compliant]);
    expect(outcome((r) => r.candidate)).toEqual(outcome((r) => r.reference));
    // The compliant clip is compliant: the comparison is not between two broken detectors.
    const compliant = results.find((r) => r.clip === 'compliant');
    expect(compliant && evaluate(compliant.candidate, { mode: 'limit' }).compliant).toBe(true);
  });
});
