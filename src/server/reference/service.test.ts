import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../config/config.ts';
import { createEkycMiddleware, type EkycApi } from '../handler.ts';
import { form, noFaceJpeg, selfieJpeg } from '../testing/images.ts';
import { serve, type Running } from '../testing/serve.ts';
import { stubEngine } from '../testing/stub-engine.ts';
import { createEngine, type Engine } from './engine.ts';

/** One analysis thread for the whole file: the real models, loaded once. */
let engine: Engine;
let api: EkycApi;
let server: Running;

beforeAll(async () => {
  engine = createEngine({ threads: 1, queue: 16, maxWaitMs: 60_000 });
  api = createEkycMiddleware(
    readConfig({ OKAYLIVE_LOG: 'off', OKAYLIVE_JOURNEY_MAX_ATTEMPTS: '3', OKAYLIVE_JOURNEY_RATE_PER_MINUTE: '1000' }),
    { engine },
  );
  server = await serve(api);
  await engine.ready;
}, 60_000);
afterAll(async () => {
  await server.close();
  await api.close();
  await engine.close();
});

async function journey(base = server.url): Promise<string> {
  const r = await fetch(`${base}/api/ekyc/journeyid`, { method: 'POST' });
  const body = (await r.json()) as { journeyId: string };
  return body.journeyId;
}

async function okaylive(
  body: BodyInit,
  base = server.url,
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const r = await fetch(`${base}/api/ekyc/okaylive`, { method: 'POST', body });
  return { status: r.status, body: (await r.json()) as Record<string, unknown>, headers: r.headers };
}

async function check(image: Buffer): Promise<{ status: number; body: Record<string, unknown> }> {
  return okaylive(form({ imageBest: { bytes: image }, journeyId: await journey() }));
}

// Real models on a shared 2-core machine: generous timeouts, no timing assertions.
describe('reference engine: real analysis over HTTP', { timeout: 60_000 }, () => {
  it('creates UUID journeyIds in the documented shape', async () => {
    const r = await fetch(`${server.url}/api/ekyc/journeyid`, { method: 'POST' });
    expect(r.status).toBe(200);
    const body = (await r.json()) as { journeyId?: string };
    expect(body).toMatchObject({ status: 'success', message: 'api.success' });
    expect(body.journeyId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(r.headers.get('x-request-id')).toBeTruthy();
  });

  it('a well-framed 960x1280 selfie gets the success shape: probability, quality ≥ 0.5, score = logit', async () => {
    const r = await check(await selfieJpeg({ height: 1280 }));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'success', messageCode: 'api.success' });
    const { probability, quality, score } = r.body as { probability: number; quality: number; score: number };
    expect(probability).toBeGreaterThan(0);
    expect(probability).toBeLessThan(1);
    expect(quality).toBeGreaterThanOrEqual(0.5);
    expect(quality).toBeLessThanOrEqual(1);
    expect(score).toBeCloseTo(Math.log(probability / (1 - probability)), 6);
  });

  it.each([
    ['no face (a cat)', 'FACE_NOT_FOUND', () => noFaceJpeg()],
    ['face too far away', 'FACE_TOO_SMALL', () => selfieJpeg({ zoom: 0.55 })],
    ['face too close', 'FACE_TOO_CLOSE', () => selfieJpeg({ zoom: 2.3 })],
    ['face partly out of the picture', 'FACE_CROPPED', () => selfieJpeg({ fx: 0.1 })],
    ['face off centre', 'FACE_CLOSE_TO_BORDER', () => selfieJpeg({ fx: 0.25 })],
  ])('%s → 200 with the face code %s, as OkayLive lists it', async (_name, code, make) => {
    const r = await check(await make());
    expect(r).toMatchObject({ status: 200, body: { status: 'error', messageCode: null, message: code } });
  });

  it('blur and darkness are not errors: they pull quality under 0.5, so the client asks for a retake', async () => {
    const sharp = await check(await selfieJpeg());
    const blurred = await check(await selfieJpeg({ blur: 6 }));
    const dark = await check(await selfieJpeg({ gain: 0.3 }));
    for (const r of [sharp, blurred, dark]) expect(r.body.status).toBe('success');
    expect(sharp.body.quality as number).toBeGreaterThanOrEqual(0.5);
    expect(blurred.body.quality as number).toBeLessThan(0.5);
    expect(dark.body.quality as number).toBeLessThan(0.5);
  });

  it('the same image gives the same answer (nothing random), different images different numbers', async () => {
    const image = await selfieJpeg({ height: 1280 });
    const a = await check(image);
    const b = await check(image);
    const c = await check(await selfieJpeg({ height: 1280, fx: 0.42 }));
    expect(a.body).toEqual(b.body);
    expect(c.body.quality).not.toBe(a.body.quality);
  });

  it('accepts a PNG by its bytes', async () => {
    const { default: sharp } = await import('sharp');
    const png = await sharp(await selfieJpeg())
      .png()
      .toBuffer();
    const r = await okaylive(
      form({ imageBest: { bytes: png, type: 'image/png', filename: 'selfie.png' }, journeyId: await journey() }),
    );
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('success');
  });

  it('an unknown journeyId is INVALID_JOURNEY_ID; one journey is one flow (a few retakes, then MAX_API_CALL_EXCEEDED)', async () => {
    const image = await selfieJpeg({ zoom: 0.55 });
    const unknown = await okaylive(
      form({ imageBest: { bytes: image }, journeyId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(unknown).toMatchObject({
      status: 400,
      body: { status: 'error', messageCode: null, message: 'INVALID_JOURNEY_ID' },
    });
    const id = await journey();
    for (let i = 0; i < 3; i++)
      expect((await okaylive(form({ imageBest: { bytes: image }, journeyId: id }))).status).toBe(200);
    expect(await okaylive(form({ imageBest: { bytes: image }, journeyId: id }))).toMatchObject({
      status: 400,
      body: { status: 'error', messageCode: null, message: 'MAX_API_CALL_EXCEEDED' },
    });
  });
});

describe('reference engine: journeys expire', { timeout: 30_000 }, () => {
  it('after OKAYLIVE_JOURNEY_TTL_DAYS', async () => {
    // 0.00002 days is about 1.7 s.
    const short = createEkycMiddleware(readConfig({ OKAYLIVE_LOG: 'off', OKAYLIVE_JOURNEY_TTL_DAYS: '0.00002' }), {
      engine: stubEngine(),
    });
    const running = await serve(short);
    const id = await journey(running.url);
    const image = await selfieJpeg();
    expect((await okaylive(form({ imageBest: { bytes: image }, journeyId: id }), running.url)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1900));
    const late = await okaylive(form({ imageBest: { bytes: image }, journeyId: id }), running.url);
    await running.close();
    expect(late).toMatchObject({ status: 400, body: { message: 'INVALID_JOURNEY_ID' } });
  });
});

describe('reference engine: saturation', { timeout: 30_000 }, () => {
  it('answers 503 with Retry-After instead of queueing without bound, and recovers', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = stubEngine({
      slots: 1,
      queue: 1,
      analyse: async () => {
        await held;
        return { kind: 'undecodable' };
      },
    });
    const busyApi = createEkycMiddleware(
      readConfig({ OKAYLIVE_LOG: 'off', OKAYLIVE_JOURNEY_RATE_PER_MINUTE: '1000' }),
      { engine: slow },
    );
    const running = await serve(busyApi);
    const image = await selfieJpeg();
    const send = async () =>
      okaylive(form({ imageBest: { bytes: image }, journeyId: await journey(running.url) }), running.url);
    const first = send();
    const second = send();
    await expect.poll(() => slow.load.waiting).toBe(1);
    const third = await send();
    expect(third.status).toBe(503);
    expect(third.body).toEqual({ status: 'error', messageCode: null, message: 'SERVICE_UNAVAILABLE' });
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // The refused upload never reached the engine.
    expect(slow.calls).toBe(2);
    release();
    expect((await first).status).toBe(400);
    expect((await second).status).toBe(400);
    expect((await send()).status).toBe(400);
    await running.close();
  });
});
