/**
 * The re-encoded models read every camera clip the way the shipped float weights do: each
 * rule reading within its tolerance (reading-diff.ts), the same hint, the same verdict, and no
 * face's detector score down by more than the margin. Runs
 * the reference engine's Node Human on a frame of every e2e clip (made by
 * `node e2e/setup/prepare.mjs`, which `npm test` runs first) and prints the table.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { MODEL_NAMES } from '../core/analysis/assets.ts';
import { measure } from '../core/analysis/measure/measure.ts';
import { evaluate, primaryFailure } from '../core/rules/evaluate.ts';
import type { Readings } from '../core/rules/table.ts';
import { loadNodeDetector, servedModels, type ModelSet } from '../server/reference/human-node.ts';
import { analysisAssets, MODEL_ENCODINGS } from '../server/assets/analysis-assets.ts';
import { clipFrames } from './clip-frames.ts';
import { compareReadings, judgeFrame, SCORE_MARGIN, TOLERANCE_SHARE, type FrameReading } from './reading-diff.ts';
import { describePlan } from '../server/assets/weights.ts';

/** The detector as Human ships it (float32), under plain names. */
const shipped: ModelSet = (() => {
  const float = analysisAssets({ blazeface: 'float32' });
  return { names: float.names, files: new Map(float.files.map((f) => [f.name, f.bytes])) };
})();

interface ClipReadings {
  clip: string;
  reference: FrameReading;
  candidate: FrameReading;
}

const results: ClipReadings[] = [];

beforeAll(async () => {
  const reference = await loadNodeDetector(shipped);
  const candidate = await loadNodeDetector(servedModels());
  for (const { clip, image, crop } of await clipFrames()) {
    const read = async (d: typeof reference): Promise<FrameReading> => {
      const faces = await d.detect(image);
      return { scores: faces.map((f) => f.score), readings: measure({ faces, image, crop }).readings };
    };
    results.push({ clip, reference: await read(reference), candidate: await read(candidate) });
  }
  reference.dispose();
  candidate.dispose();
  const fmt = (v: number | null) => (v === null ? '-' : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(3));
  console.log(
    `\nreadings, shipped weights → ${MODEL_NAMES.map((m) => `${m} ${describePlan(MODEL_ENCODINGS[m])}`).join(', ')} (tolerance: ${TOLERANCE_SHARE} of each rule's target-to-limit gap)`,
  );
  console.table(
    Object.fromEntries(
      results.map(({ clip, reference, candidate }) => [
        clip,
        Object.fromEntries([
          ['score', `${fmt(Math.max(0, ...reference.scores))}→${fmt(Math.max(0, ...candidate.scores))}`],
          ...compareReadings(reference.readings, candidate.readings).map((d) => [
            d.reading,
            `${fmt(d.reference)}→${fmt(d.candidate)}${d.ok ? '' : ' ✗'}`,
          ]),
        ]),
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
      compareReadings(reference.readings, candidate.readings)
        .filter((d) => !d.ok)
        .map((d) => `${clip}.${d.reading}: ${d.reference} → ${d.candidate} (± ${d.tolerance})`),
    );
    expect(off).toEqual([]);
  });

  it('the same hint on every clip (guide mode, first frame)', () => {
    const hints = (pick: (r: ClipReadings) => Readings) =>
      results.map((r) => [r.clip, primaryFailure(evaluate(pick(r), { mode: 'guide' }))]);
    expect(hints((r) => r.candidate.readings)).toEqual(hints((r) => r.reference.readings));
  });

  it('the same compliant or not outcome on every clip, in guide mode and at the limits', () => {
    const outcome = (pick: (r: ClipReadings) => Readings) =>
      results.map((r) => [
        r.clip,
        evaluate(pick(r), { mode: 'guide' }).compliant,
        evaluate(pick(r), { mode: 'limit' }).compliant,
      ]);
    expect(outcome((r) => r.candidate.readings)).toEqual(outcome((r) => r.reference.readings));
    // The compliant clip is compliant: the comparison is not between two broken detectors.
    const compliant = results.find((r) => r.clip === 'compliant');
    expect(compliant && evaluate(compliant.candidate.readings, { mode: 'limit' }).compliant).toBe(true);
  });

  it(`no face's detector score drops by more than ${SCORE_MARGIN}`, () => {
    const dropped = results.flatMap(({ clip, reference, candidate }) => {
      const { scoreDrop } = judgeFrame(reference, candidate);
      return scoreDrop > SCORE_MARGIN + 1e-6
        ? [`${clip}: ${reference.scores.join(',')} → ${candidate.scores.join(',')}`]
        : [];
    });
    expect(dropped).toEqual([]);
  });
});
