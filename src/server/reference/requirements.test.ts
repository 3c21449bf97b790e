import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../config/config.ts';
import { createEkycMiddleware, type EkycApi } from '../handler.ts';
import { form, selfieJpeg } from '../testing/images.ts';
import { serve, type Running } from '../testing/serve.ts';
import { createEngine, isBusy, type Engine } from './engine.ts';

/**
 * The server applies the widget's requirement overrides (OKAYLIVE_REQUIREMENTS): the same JSON,
 * the same rows, through the API's routes and the engine's analysis threads.
 */

const STRICT = JSON.stringify({ pitch: { limit: 5 }, faceSide: { limit: 320 } });
let engine: Engine;
let image: Buffer;

beforeAll(async () => {
  engine = createEngine({ threads: 1, queue: 16, maxWaitMs: 60_000 });
  image = await selfieJpeg();
  await engine.ready;
}, 60_000);

afterAll(async () => {
  await engine.close();
});

async function failuresUnder(requirements: string | undefined): Promise<readonly string[]> {
  const rules = readConfig(requirements ? { OKAYLIVE_REQUIREMENTS: requirements } : {}).analysis.rules;
  const outcome = await engine.analyse(new Uint8Array(image), rules);
  if (isBusy(outcome) || outcome.kind !== 'answer') throw new Error('no answer');
  return outcome.notes.failures;
}

describe('requirement overrides on the server', { timeout: 60_000 }, () => {
  it('an upload the table accepts fails the tightened rows, with their codes', async () => {
    expect(await failuresUnder(undefined)).toEqual([]);
    const failures = await failuresUnder(STRICT);
    expect(failures.length).toBeGreaterThan(0);
    for (const code of failures) expect(['FACE_TOO_SMALL', 'FACE_ANGLE_TOO_LARGE']).toContain(code);
  });

  it('the API applies them: the same upload is answered with the face code', async () => {
    let api: EkycApi | null = null;
    let server: Running | null = null;
    try {
      api = createEkycMiddleware(readConfig({ OKAYLIVE_LOG: 'off', OKAYLIVE_REQUIREMENTS: STRICT }), { engine });
      server = await serve(api);
      const created = await fetch(`${server.url}/api/ekyc/journeyid`, { method: 'POST' });
      const { journeyId } = (await created.json()) as { journeyId: string };
      const r = await fetch(`${server.url}/api/ekyc/okaylive`, {
        method: 'POST',
        body: form({ imageBest: { bytes: image }, journeyId }),
      });
      const body = (await r.json()) as { status: string; message: string };
      expect(body.status).toBe('error');
      expect(['FACE_TOO_SMALL', 'FACE_ANGLE_TOO_LARGE']).toContain(body.message);
    } finally {
      await server?.close();
      await api?.close();
    }
  });
});
