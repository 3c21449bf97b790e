/**
 * What EYES_CLOSED and FACE_IS_OCCLUDED read on the fixture face with its eyes shut or part of
 * it covered (painted at test time). Prints the table. The models we run cannot see either
 * well enough to guide a person (both rows are server-only): these tests pin down exactly
 * what docs/guidance.md says they can and cannot catch, so a better model shows up here.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluate } from '../rules/evaluate.ts';
import { RULES } from '../rules/table.ts';
import type { Measurement } from './measure.ts';
import { COVERS, covered, type Cover } from './testing/covers.ts';
import { analyseFrame, ASTRONAUT, cameraFrame, fmt } from './testing/scenes.ts';

const still = readFileSync(ASTRONAUT);
const limitOf = (id: string): number => RULES.find((r) => r.id === id)?.limit.min ?? NaN;

async function read(image: Buffer): Promise<Measurement> {
  return analyseFrame(await cameraFrame(image, { scale: 3.2, fx: 0.5, fy: 0.46 }));
}

const table: Record<string, string>[] = [];
function print(name: string, should: string, m: Measurement): void {
  const r = m.readings;
  table.push({
    face: name,
    'should say': should,
    'eye opening': fmt(r.eyeOpenness, 3),
    'mesh score': fmt(r.meshConfidence, 2),
    'server says': evaluate(r, { mode: 'limit' }).failures.join(' ') || 'compliant',
    'guidance says': evaluate(r, { mode: 'guide' }).failures.join(' ') || 'compliant',
  });
}

describe('eyes and occlusion on the fixture face', { timeout: 120_000 }, () => {
  let open: Measurement;

  it('the open, uncovered face passes both rows', async () => {
    open = await read(still);
    print('open, uncovered', 'compliant', open);
    expect(evaluate(open.readings, { mode: 'limit' }).failures).toEqual([]);
  });

  it.each(Object.entries(COVERS) as Array<[Cover, string]>)('%s: still one face, and guidance never hints %s', async (cover, code) => {
    const m = await read(await covered(still, cover));
    print(cover, code, m);
    // A card or a mask over the lower half hides the face: the detector and mesh lose the card,
    // and the landmark network's two looks disagree under the mask (as on a non-face).
    const hidden: readonly Cover[] = ['dark card over nose and mouth', 'mask over nose and mouth'];
    expect(m.readings.faceCount).toBe(hidden.includes(cover) ? 0 : 1);
    const guided = evaluate(m.readings, { mode: 'guide' });
    expect(guided.failures).not.toContain('EYES_CLOSED');
    expect(guided.failures).not.toContain('FACE_IS_OCCLUDED');
    if (code === 'EYES_CLOSED') {
      // The eyelid keypoints do close a little (the reading moves the right way)...
      expect(m.readings.eyeOpenness ?? 1).toBeLessThan(open.readings.eyeOpenness ?? 0);
      // ...but nowhere near the limit: even the server does not catch shut eyes.
      expect(m.readings.eyeOpenness ?? 0).toBeGreaterThan(limitOf('eyeOpenness'));
    } else if (m.readings.faceCount > 0) {
      // The mesh model (the server's) fills in what is covered and stays sure of itself.
      expect(m.readings.meshConfidence ?? 0).toBeGreaterThanOrEqual(limitOf('meshConfidence'));
    }
  });
});

afterAll(() => console.table(table));
