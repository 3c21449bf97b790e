import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../config.ts';
import { createEkycMiddleware } from '../handler.ts';
import { form, portraitJpeg } from '../testing/images.ts';
import { serve, type Running } from '../testing/serve.ts';

let server: Running;
let jpeg: Buffer;
beforeAll(async () => {
  server = await serve(createEkycMiddleware(readConfig({})));
  jpeg = await portraitJpeg();
});
afterAll(() => server.close());

async function journey(): Promise<string> {
  const r = await fetch(`${server.url}/api/ekyc/journeyid`, { method: 'POST' });
  const body = (await r.json()) as { journeyId: string };
  return body.journeyId;
}

async function okaylive(body: BodyInit, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const r = await fetch(`${server.url}/api/ekyc/okaylive`, { method: 'POST', body, headers });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

describe('reference engine: contract over real HTTP', () => {
  it('creates UUID journeyIds in the documented shape', async () => {
    const r = await fetch(`${server.url}/api/ekyc/journeyid`, { method: 'POST' });
    expect(r.status).toBe(200);
    const body = await r.json();
    expect(body).toMatchObject({ status: 'success', message: 'api.success' });
    expect(body.journeyId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await journey()).not.toBe(body.journeyId);
  });

  it('answers a good selfie with the success shape, computed from the image', async () => {
    const r = await okaylive(form({ imageBest: { bytes: jpeg }, journeyId: await journey() }));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'success', messageCode: 'api.success' });
    for (const key of ['probability', 'quality'] as const) {
      expect(r.body[key]).toBeGreaterThanOrEqual(0);
      expect(r.body[key]).toBeLessThanOrEqual(1);
    }
    const p = r.body.probability as number;
    expect(r.body.score).toBeCloseTo(Math.log(p / (1 - p)), 4);
  });

  it('different images give different numbers (nothing fixed)', async () => {
    const dark = await portraitJpeg(1080);
    const sharpImg = await okaylive(form({ imageBest: { bytes: dark }, journeyId: await journey() }));
    const { default: sharp } = await import('sharp');
    const blurred = await sharp(jpeg).blur(12).jpeg({ quality: 92 }).toBuffer();
    const blurry = await okaylive(form({ imageBest: { bytes: blurred }, journeyId: await journey() }));
    expect(blurry.body.quality).not.toBe(sharpImg.body.quality);
    expect(blurry.body.quality as number).toBeLessThan(sharpImg.body.quality as number);
  });

  it('a missing part is MISSING_ARGUMENTS', async () => {
    expect(await okaylive(form({ journeyId: await journey() }))).toEqual({
      status: 400,
      body: { status: 'error', messageCode: null, message: 'MISSING_ARGUMENTS' },
    });
    expect((await okaylive(form({ imageBest: { bytes: jpeg } }))).body.message).toBe('MISSING_ARGUMENTS');
  });

  it('an unknown journeyId is INVALID_JOURNEY_ID', async () => {
    const r = await okaylive(form({ imageBest: { bytes: jpeg }, journeyId: '00000000-0000-4000-8000-000000000000' }));
    expect(r).toEqual({ status: 400, body: { status: 'error', messageCode: null, message: 'INVALID_JOURNEY_ID' } });
  });

  it('a file over 3 MB is PAYLOAD_TOO_LARGE', async () => {
    const big = new Uint8Array(3 * 1024 * 1024 + 10);
    big.set(jpeg.subarray(0, 4));
    const r = await okaylive(form({ imageBest: { bytes: big }, journeyId: await journey() }));
    expect(r.status).toBe(413);
    expect(r.body.message).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a request over 5 MB is refused', async () => {
    const huge = new Uint8Array(5 * 1024 * 1024 + 10);
    const r = await okaylive(form({ imageBest: { bytes: huge }, journeyId: await journey() }));
    expect(r.status).toBe(413);
    expect(r.body.message).toBe('Request size exceed 5MB');
  });

  it('bytes that are not a JPEG or PNG are UNRECOGNIZED_IMAGE, whatever the declared type', async () => {
    const gif = new TextEncoder().encode('GIF89a not really');
    const r = await okaylive(form({ imageBest: { bytes: gif, type: 'image/jpeg' }, journeyId: await journey() }));
    expect(r).toEqual({ status: 400, body: { status: 'error', messageCode: null, message: 'UNRECOGNIZED_IMAGE' } });
  });

  it('accepts a PNG by its bytes', async () => {
    const { default: sharp } = await import('sharp');
    const png = await sharp(jpeg).png().toBuffer();
    const r = await okaylive(form({ imageBest: { bytes: png, type: 'image/png', filename: 'selfie.png' }, journeyId: await journey() }));
    expect(r.status).toBe(200);
  });

  it('a truncated JPEG is a decode failure, and the server stays up', async () => {
    const r = await okaylive(form({ imageBest: { bytes: jpeg.subarray(0, 200) }, journeyId: await journey() }));
    expect(r.status).toBe(400);
    expect(r.body.status).toBe('error');
    expect((await fetch(`${server.url}/api/ekyc/journeyid`, { method: 'POST' })).status).toBe(200);
  });

  it('wrong methods and unknown routes', async () => {
    expect((await fetch(`${server.url}/api/ekyc/okaylive`)).status).toBe(405);
    expect((await fetch(`${server.url}/api/ekyc/nothing`, { method: 'POST' })).status).toBe(404);
    const engine = await fetch(`${server.url}/api/ekyc/engine`);
    expect(await engine.json()).toEqual({ engine: 'reference' });
  });
});
