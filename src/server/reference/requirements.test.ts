import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../config.ts';
import { selfieJpeg } from '../testing/images.ts';
import { createEngine, isBusy, type Engine } from './engine.ts';

/**
 * The server applies the widget's requirement overrides (OKAYLIVE_REQUIREMENTS): the same JSON,
 * the same rows, through the engine's analysis threads.
 */

let defaults: Engine;
let strict: Engine;
let image: Uint8Array;

beforeAll(async () => {
  defaults = createEngine(readConfig({}).analysis);
  strict = createEngine(readConfig({ OKAYLIVE_REQUIREMENTS: JSON.stringify({ pitch: { limit: 5 }, faceSide: { limit: 320 } }) }).analysis);
  image = new Uint8Array(await selfieJpeg());
  await Promise.all([defaults.ready, strict.ready]);
}, 60_000);

afterAll(async () => {
  await Promise.all([defaults.close(), strict.close()]);
});

async function failuresOf(engine: Engine): Promise<readonly string[]> {
  const outcome = await engine.analyse(image);
  if (isBusy(outcome) || outcome.kind !== 'answer') throw new Error('no answer');
  return outcome.notes.failures;
}

describe('requirement overrides on the server', { timeout: 60_000 }, () => {
  it('an upload the table accepts fails the tightened rows, with their codes', async () => {
    expect(await failuresOf(defaults)).toEqual([]);
    const failures = await failuresOf(strict);
    expect(failures.length).toBeGreaterThan(0);
    for (const code of failures) expect(['FACE_TOO_SMALL', 'FACE_ANGLE_TOO_LARGE']).toContain(code);
  });
});
