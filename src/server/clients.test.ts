/**
 * The multipart contract checked with clients we did not write, shaped like Innov8tif's own
 * samples: `curl -F` and Python's `requests`. Both modes: the reference engine must accept
 * what they send, and the proxy must pass it on as the real service expects it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from './config/config.ts';
import { createEkycMiddleware, type EkycApi } from './handler.ts';
import { createEngine, type Engine } from './reference/engine.ts';
import { FAKE_JOURNEY_ID, FAKE_SUCCESS, startFakeInnov8tif, type Fake } from './testing/fake-innov8tif.ts';
import { selfieJpeg } from './testing/images.ts';
import { serve, type Running } from './testing/serve.ts';

const run = promisify(execFile);
const PYTHON_CLIENT = fileURLToPath(new URL('./testing/python-client.py', import.meta.url));

let dir: string;
let selfie: string;
let jpegSize: number;
/** A second selfie for the Python client: the same image again would be answered from the proxy's record. */
let otherSelfie: string;
let otherSize: number;
let engine: Engine;
let fake: Fake;
const servers: Running[] = [];
const apis: EkycApi[] = [];
let reference: string;
let upstream: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'okl-clients-'));
  selfie = join(dir, 'selfie.jpg');
  const jpeg = await selfieJpeg({ height: 1280 });
  jpegSize = jpeg.length;
  writeFileSync(selfie, jpeg);
  otherSelfie = join(dir, 'selfie-2.jpg');
  const other = await selfieJpeg({ height: 1280, quality: 88 });
  otherSize = other.length;
  writeFileSync(otherSelfie, other);
  engine = createEngine({ threads: 1, queue: 8, maxWaitMs: 60_000 });
  fake = await startFakeInnov8tif({ username: 'u', password: 'p' });
  for (const env of [{}, { OKAYLIVE_BASE_URL: fake.url, OKAYLIVE_USERNAME: 'u', OKAYLIVE_PASSWORD: 'p' }]) {
    const api = createEkycMiddleware(readConfig({ OKAYLIVE_LOG: 'off', ...env }), { engine });
    apis.push(api);
    servers.push(await serve(api));
  }
  [reference, upstream] = servers.map((s) => s.url) as [string, string];
  await engine.ready;
}, 60_000);
afterAll(async () => {
  for (const s of servers) await s.close();
  for (const api of apis) await api.close();
  await engine.close();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

async function curlJourney(base: string): Promise<string> {
  const { stdout } = await run('curl', ['-sS', '-X', 'POST', `${base}/api/ekyc/journeyid`]);
  return (JSON.parse(stdout) as { journeyId: string }).journeyId;
}

/** `curl -F imageBest=@selfie.jpg -F journeyId=...`, as the vendor's docs show it. */
async function curlUpload(
  base: string,
  imageArg: string,
  journeyId: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const { stdout } = await run('curl', [
    '-sS',
    '-w',
    '\n%{http_code}',
    '-F',
    imageArg,
    '-F',
    `journeyId=${journeyId}`,
    `${base}/api/ekyc/okaylive`,
  ]);
  const [body = '', status = '0'] = stdout.split('\n');
  return { status: Number(status), body: JSON.parse(body) as Record<string, unknown> };
}

function expectSuccessShape(body: Record<string, unknown>): void {
  expect(body).toMatchObject({ status: 'success', messageCode: 'api.success' });
  for (const key of ['probability', 'quality'] as const) {
    expect(body[key]).toBeGreaterThanOrEqual(0);
    expect(body[key]).toBeLessThanOrEqual(1);
  }
  expect(typeof body.score).toBe('number');
}

describe('curl -F', { timeout: 60_000 }, () => {
  it.each([
    ['imageBest=@selfie.jpg', () => `imageBest=@${selfie}`],
    ['imageBest=@selfie.jpg;type=image/jpeg', () => `imageBest=@${selfie};type=image/jpeg`],
    ['imageBest=@selfie.jpg;filename=photo.jpeg', () => `imageBest=@${selfie};filename=photo.jpeg`],
  ])('reference engine accepts %s', async (_name, arg) => {
    const r = await curlUpload(reference, arg(), await curlJourney(reference));
    expect(r.status).toBe(200);
    expectSuccessShape(r.body);
  });

  it('the proxy forwards a curl upload as the service expects it', async () => {
    fake.received.length = 0;
    const r = await curlUpload(upstream, `imageBest=@${selfie}`, await curlJourney(upstream));
    expect(r).toEqual({ status: 200, body: FAKE_SUCCESS });
    const forwarded = fake.received.find((x) => x.path === '/api/ekyc/okaylive');
    expect(forwarded?.parts).toEqual({
      imageBest: { filename: 'selfie.jpg', size: jpegSize, contentType: 'image/jpeg' },
      journeyId: { value: FAKE_JOURNEY_ID },
    });
  });
});

describe("Python's requests (the vendor's sample-client shape)", { timeout: 60_000 }, () => {
  async function python(
    base: string,
    image: string,
  ): Promise<{ client: string; journey: { journeyId: string }; status: number; body: Record<string, unknown> }> {
    const { stdout } = await run('python3', [PYTHON_CLIENT, base, image]);
    return JSON.parse(stdout) as {
      client: string;
      journey: { journeyId: string };
      status: number;
      body: Record<string, unknown>;
    };
  }

  it('reference engine', async () => {
    const r = await python(reference, selfie);
    // Says which client actually ran: requests, or the stdlib fallback where it is missing.
    expect(r.client).toMatch(/^requests |^http\.client/);
    expect(r.journey.journeyId).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.status).toBe(200);
    expectSuccessShape(r.body);
  });

  it('proxy', async () => {
    fake.received.length = 0;
    const r = await python(upstream, otherSelfie);
    expect(r.status).toBe(200);
    expect(r.body).toEqual(FAKE_SUCCESS);
    const forwarded = fake.received.find((x) => x.path === '/api/ekyc/okaylive');
    expect(forwarded?.parts?.imageBest).toMatchObject({ filename: 'selfie.jpg', size: otherSize });
    expect(forwarded?.parts?.journeyId).toEqual({ value: FAKE_JOURNEY_ID });
  });
});
