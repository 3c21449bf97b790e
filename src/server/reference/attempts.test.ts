/**
 * The per-journey attempt cap under real concurrent uploads on loopback: an attempt is
 * reserved before anything is awaited, so a burst on one journey cannot all pass the check,
 * and an upload shed with 503 gives its attempt back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readConfig } from '../config/config.ts';
import { createEkycMiddleware, type EkycApi } from '../handler.ts';
import { deferred } from '../testing/deferred.ts';
import { form, selfieJpeg } from '../testing/images.ts';
import { serve, type Running } from '../testing/serve.ts';
import { stubEngine } from '../testing/stub-engine.ts';
import type { AnalysisOutcome } from './analyse.ts';

const started: { api: EkycApi; server: Running }[] = [];
afterEach(async () => {
  for (const { api, server } of started.splice(0)) {
    await server.close();
    await api.close();
  }
});

/** An analysis held until the test lets it go. */
function held(): { analyse: () => Promise<AnalysisOutcome>; release: () => void } {
  const gate = deferred();
  return {
    release: gate.release,
    analyse: async () => {
      await gate.promise;
      return {
        kind: 'answer',
        answer: { kind: 'face', code: 'EYES_CLOSED' },
        notes: { width: 1, height: 1, faces: 1, failures: [], aspects: null, decodeMs: 0, detectMs: 0 },
      };
    },
  };
}

async function start(env: Record<string, string>, engine: ReturnType<typeof stubEngine>): Promise<string> {
  const api = createEkycMiddleware(
    readConfig({
      OKAYLIVE_LOG: 'off',
      OKAYLIVE_JOURNEY_RATE_PER_MINUTE: '1000',
      OKAYLIVE_MAX_UPLOADS_PER_CLIENT: '100',
      ...env,
    }),
    { engine },
  );
  const server = await serve(api);
  started.push({ api, server });
  return server.url;
}

async function journey(url: string): Promise<string> {
  return ((await (await fetch(`${url}/api/ekyc/journeyid`, { method: 'POST' })).json()) as { journeyId: string })
    .journeyId;
}

async function upload(url: string, journeyId: string, image: Buffer): Promise<{ status: number; message: unknown }> {
  const r = await fetch(`${url}/api/ekyc/okaylive`, {
    method: 'POST',
    body: form({ imageBest: { bytes: image }, journeyId }),
    signal: AbortSignal.timeout(20_000),
  });
  const body = (await r.json()) as { message?: unknown };
  return { status: r.status, message: body.message };
}

describe('the attempt cap under concurrent uploads', { timeout: 30_000 }, () => {
  it('20 concurrent uploads on a fresh journey with a cap of 10: exactly 10 analysed, 10 MAX_API_CALL_EXCEEDED', async () => {
    const hold = held();
    const engine = stubEngine({ slots: 20, queue: 20, analyse: hold.analyse });
    const url = await start({ OKAYLIVE_JOURNEY_MAX_ATTEMPTS: '10' }, engine);
    const id = await journey(url);
    const image = await selfieJpeg();
    let refused = 0;
    const replies = Array.from({ length: 20 }, () =>
      upload(url, id, image).then((reply) => {
        if (reply.status === 400) refused += 1;
        return reply;
      }),
    );
    // Every upload has either reached the engine or been refused: only then is the analysis let go.
    await expect.poll(() => engine.calls + refused, { timeout: 15_000 }).toBe(20);
    hold.release();
    const done = await Promise.all(replies);
    expect(engine.calls).toBe(10);
    expect(done.filter((r) => r.status === 200 && r.message === 'EYES_CLOSED')).toHaveLength(10);
    expect(done.filter((r) => r.status === 400 && r.message === 'MAX_API_CALL_EXCEEDED')).toHaveLength(10);
  });

  it('an upload shed with 503 after its attempt was reserved gives the attempt back', async () => {
    const hold = held();
    // One slot, one waiting place, a short wait: the second upload waits, then is shed.
    const engine = stubEngine({ slots: 1, queue: 1, maxWaitMs: 200, analyse: hold.analyse });
    const url = await start({ OKAYLIVE_JOURNEY_MAX_ATTEMPTS: '2' }, engine);
    const id = await journey(url);
    const image = await selfieJpeg();
    const first = upload(url, id, image);
    await expect.poll(() => engine.load.running, { timeout: 10_000 }).toBe(1);
    const shed = await upload(url, id, image);
    expect(shed).toEqual({ status: 503, message: 'SERVICE_UNAVAILABLE' });
    hold.release();
    expect(await first).toEqual({ status: 200, message: 'EYES_CLOSED' });
    // Two attempts: the first and this one. The shed upload did not count.
    expect(await upload(url, id, image)).toEqual({ status: 200, message: 'EYES_CLOSED' });
    expect(await upload(url, id, image)).toEqual({ status: 400, message: 'MAX_API_CALL_EXCEEDED' });
  });
});
