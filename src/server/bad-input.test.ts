/**
 * Every kind of bad input, over real HTTP, in both modes: a contract-shaped 4xx, nothing
 * forwarded upstream, and the server still answering afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REQUEST_BYTES } from '../core/api/contract.ts';
import { readConfig } from './config/config.ts';
import { createEkycMiddleware, type EkycApi } from './handler.ts';
import { jsonLogger } from './http/log.ts';
import { createEngine, type Engine } from './reference/engine.ts';
import { startFakeInnov8tif, type Fake } from './testing/fake-innov8tif.ts';
import { bombPng, corruptPng, form, jpegClaiming, largePng, selfieJpeg } from './testing/images.ts';
import { multipartBody, rawRequest, type RawReply } from './testing/raw.ts';
import { serve, type Running } from './testing/serve.ts';

interface Mode {
  name: 'reference' | 'upstream';
  url: string;
  /** A journeyId the mode accepts. */
  journeyId: () => Promise<string>;
  /** Upstream calls so far (always 0 in reference mode). */
  forwarded: () => number;
  logs: string[];
}

let engine: Engine;
let fake: Fake;
let jpeg: Buffer;
let claims4000: Buffer;
let corrupt4096: Buffer;
let deep4096: Buffer;
const running: Running[] = [];
const apis: EkycApi[] = [];
const modes: Record<'reference' | 'upstream', Mode> = {} as Record<'reference' | 'upstream', Mode>;

async function start(name: 'reference' | 'upstream', env: Record<string, string>): Promise<void> {
  const logs: string[] = [];
  const api = createEkycMiddleware(readConfig({ OKAYLIVE_JOURNEY_RATE_PER_MINUTE: '1000', ...env }), {
    logger: jsonLogger((line) => logs.push(line)),
    ...(name === 'reference' ? { engine } : {}),
  });
  const server = await serve(api);
  apis.push(api);
  running.push(server);
  modes[name] = {
    name,
    url: server.url,
    logs,
    journeyId: async () =>
      ((await (await fetch(`${server.url}/api/ekyc/journeyid`, { method: 'POST' })).json()) as { journeyId: string })
        .journeyId,
    forwarded: () => (name === 'upstream' ? fake.received.filter((r) => r.path === '/api/ekyc/okaylive').length : 0),
  };
}

beforeAll(async () => {
  jpeg = await selfieJpeg();
  claims4000 = await jpegClaiming(4000, 4000);
  corrupt4096 = corruptPng(await largePng(4096, 8));
  deep4096 = await largePng(4096, 16);
  engine = createEngine({ threads: 1, queue: 8, maxWaitMs: 60_000 });
  fake = await startFakeInnov8tif({ username: 'u', password: 'p' });
  await start('reference', {});
  await start('upstream', { OKAYLIVE_BASE_URL: fake.url, OKAYLIVE_USERNAME: 'u', OKAYLIVE_PASSWORD: 'p' });
}, 90_000);
afterAll(async () => {
  for (const server of running) await server.close();
  for (const api of apis) await api.close();
  await engine.close();
  await fake.close();
});

const BOUNDARY = '----okl-test-boundary';
const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;

function okaylive(mode: Mode, body: Buffer, contentType = MULTIPART, method = 'POST'): Promise<RawReply> {
  return rawRequest(`${mode.url}/api/ekyc/okaylive`, { method, headers: { 'Content-Type': contentType }, body });
}

function expectRefused(reply: RawReply, status: number, message: string): void {
  expect({ status: reply.status, body: JSON.parse(reply.text) as unknown }).toEqual({
    status,
    body: { status: 'error', messageCode: null, message },
  });
  expect(reply.headers['x-request-id']).toBeTruthy();
}

/** Builds one bad request for a mode (some need a journeyId it accepts). */
type Case = [
  name: string,
  status: number,
  message: string,
  build: (journeyId: string) => { body: Buffer; contentType?: string },
];

const image = (data: Buffer, filename = 'selfie.jpg', type = 'image/jpeg') => ({
  name: 'imageBest',
  filename,
  type,
  data,
});
const journey = (data: string) => ({ name: 'journeyId', data });

const cases: Case[] = [
  [
    'JSON instead of multipart',
    400,
    'MISSING_ARGUMENTS',
    (id) => ({
      body: Buffer.from(JSON.stringify({ imageBest: 'aGk=', journeyId: id })),
      contentType: 'application/json',
    }),
  ],
  [
    'urlencoded instead of multipart',
    400,
    'MISSING_ARGUMENTS',
    (id) => ({ body: Buffer.from(`journeyId=${id}&imageBest=x`), contentType: 'application/x-www-form-urlencoded' }),
  ],
  [
    'multipart without a boundary',
    400,
    'MISSING_ARGUMENTS',
    (id) => ({ body: multipartBody(BOUNDARY, [image(jpeg), journey(id)]), contentType: 'multipart/form-data' }),
  ],
  [
    'no content type at all',
    400,
    'MISSING_ARGUMENTS',
    (id) => ({ body: multipartBody(BOUNDARY, [image(jpeg), journey(id)]), contentType: '' }),
  ],
  [
    'a different boundary than declared',
    400,
    'MISSING_ARGUMENTS',
    (id) => ({ body: multipartBody('other-boundary', [image(jpeg), journey(id)]) }),
  ],
  [
    'multipart cut off before its end',
    400,
    'MISSING_ARGUMENTS',
    (id) => ({ body: multipartBody(BOUNDARY, [journey(id), image(jpeg)], false).subarray(0, 5000) }),
  ],
  [
    'garbage part headers',
    400,
    'MISSING_ARGUMENTS',
    () => ({ body: Buffer.from(`--${BOUNDARY}\r\nthis is not a header\r\n\r\nx\r\n--${BOUNDARY}--\r\n`) }),
  ],
  [
    'wrong part names',
    400,
    'MISSING_ARGUMENTS',
    (id) => ({
      body: multipartBody(BOUNDARY, [
        { ...image(jpeg), name: 'image' },
        { name: 'journey_id', data: id },
      ]),
    }),
  ],
  ['image part missing', 400, 'MISSING_ARGUMENTS', (id) => ({ body: multipartBody(BOUNDARY, [journey(id)]) })],
  ['journeyId part missing', 400, 'MISSING_ARGUMENTS', () => ({ body: multipartBody(BOUNDARY, [image(jpeg)]) })],
  [
    'two images',
    400,
    'MISSING_ARGUMENTS',
    (id) => ({ body: multipartBody(BOUNDARY, [image(jpeg), image(jpeg), journey(id)]) }),
  ],
  [
    'two journeyIds',
    400,
    'MISSING_ARGUMENTS',
    (id) => ({ body: multipartBody(BOUNDARY, [image(jpeg), journey(id), journey(id)]) }),
  ],
  [
    'journeyId sent as a file',
    400,
    'MISSING_ARGUMENTS',
    (id) => ({
      body: multipartBody(BOUNDARY, [
        image(jpeg),
        { name: 'journeyId', filename: 'id.txt', type: 'text/plain', data: id },
      ]),
    }),
  ],
  [
    'the image as a base64 text field',
    400,
    'UNRESOLVED_PIC_CONTENT',
    (id) => ({ body: multipartBody(BOUNDARY, [{ name: 'imageBest', data: jpeg.toString('base64') }, journey(id)]) }),
  ],
  [
    'a 0-byte file',
    400,
    'UNRESOLVED_PIC_CONTENT',
    (id) => ({ body: multipartBody(BOUNDARY, [image(Buffer.alloc(0)), journey(id)]) }),
  ],
  [
    'a GIF declared as JPEG',
    400,
    'UNRECOGNIZED_IMAGE',
    (id) => ({ body: multipartBody(BOUNDARY, [image(Buffer.from('GIF89a....')), journey(id)]) }),
  ],
  [
    'HTML named selfie.jpg',
    400,
    'UNRECOGNIZED_IMAGE',
    (id) => ({ body: multipartBody(BOUNDARY, [image(Buffer.from('<script>alert(1)</script>')), journey(id)]) }),
  ],
  [
    'a JPEG cut after 200 bytes (header unreadable)',
    400,
    'Failed to decode image',
    (id) => ({ body: multipartBody(BOUNDARY, [image(jpeg.subarray(0, 200)), journey(id)]) }),
  ],
  [
    'a PNG declaring 30000x30000 (decompression bomb)',
    413,
    'PAYLOAD_TOO_LARGE',
    (id) => ({ body: multipartBody(BOUNDARY, [image(bombPng(), 'selfie.png', 'image/png'), journey(id)]) }),
  ],
  [
    'a PNG declaring 9000x10 (a side too long)',
    413,
    'PAYLOAD_TOO_LARGE',
    (id) => ({ body: multipartBody(BOUNDARY, [image(bombPng(9000, 10), 'selfie.png', 'image/png'), journey(id)]) }),
  ],
  [
    'a JPEG truncated in its pixel data',
    400,
    'Failed to decode image',
    (id) => ({ body: multipartBody(BOUNDARY, [image(jpeg.subarray(0, Math.floor(jpeg.length / 2))), journey(id)]) }),
  ],
  [
    'a small JPEG whose header claims 4000x4000',
    400,
    'Failed to decode image',
    (id) => ({ body: multipartBody(BOUNDARY, [image(claims4000), journey(id)]) }),
  ],
  [
    'a 4096x4096 PNG with corrupt pixel data',
    400,
    'Failed to decode image',
    (id) => ({ body: multipartBody(BOUNDARY, [image(corrupt4096, 'selfie.png', 'image/png'), journey(id)]) }),
  ],
  [
    'a 4096x4096 PNG of 16 bits per sample (past the decode budget)',
    413,
    'PAYLOAD_TOO_LARGE',
    (id) => ({ body: multipartBody(BOUNDARY, [image(deep4096, 'selfie.png', 'image/png'), journey(id)]) }),
  ],
  [
    'a file over 3 MB',
    413,
    'PAYLOAD_TOO_LARGE',
    (id) => ({
      body: multipartBody(BOUNDARY, [image(Buffer.concat([jpeg, Buffer.alloc(3 * 1024 * 1024)])), journey(id)]),
    }),
  ],
  [
    'a journeyId of 65 characters',
    400,
    'INVALID_JOURNEY_ID',
    () => ({ body: multipartBody(BOUNDARY, [image(jpeg), journey('a'.repeat(65))]) }),
  ],
  [
    'a journeyId of 100 000 characters',
    400,
    'INVALID_JOURNEY_ID',
    () => ({ body: multipartBody(BOUNDARY, [image(jpeg), journey('a'.repeat(100_000))]) }),
  ],
  [
    'a journeyId with control characters',
    400,
    'INVALID_JOURNEY_ID',
    () => ({ body: multipartBody(BOUNDARY, [image(jpeg), journey('abc\u0000\r\n{"level":"error"}')]) }),
  ],
  [
    'a path-like journeyId',
    400,
    'INVALID_JOURNEY_ID',
    () => ({ body: multipartBody(BOUNDARY, [image(jpeg), journey('../../etc/passwd')]) }),
  ],
  [
    'an empty journeyId',
    400,
    'INVALID_JOURNEY_ID',
    () => ({ body: multipartBody(BOUNDARY, [image(jpeg), journey('')]) }),
  ],
  [
    'a non-ASCII journeyId',
    400,
    'INVALID_JOURNEY_ID',
    () => ({ body: multipartBody(BOUNDARY, [image(jpeg), journey('jörney-😀')]) }),
  ],
];

describe.each(['reference', 'upstream'] as const)('bad input, %s mode', { timeout: 30_000 }, (name) => {
  it.each(cases)('%s → %s %s', async (_case, status, message, build) => {
    const mode = modes[name];
    const before = mode.forwarded();
    const { body, contentType } = build(await mode.journeyId());
    const reply = await okaylive(mode, body, contentType ?? MULTIPART);
    expectRefused(reply, status, message);
    expect(mode.forwarded()).toBe(before);
  });

  it('a request declaring more than 5 MB is refused before its body is read', async () => {
    const mode = modes[name];
    const big = multipartBody(BOUNDARY, [image(Buffer.alloc(MAX_REQUEST_BYTES)), journey(await mode.journeyId())]);
    const reply = await okaylive(mode, big);
    expectRefused(reply, 413, 'Request size exceed 5MB');
  });

  it('a chunked body that never stops is cut off soon after 5 MB, without buffering it', async () => {
    const mode = modes[name];
    const id = await mode.journeyId();
    const logsBefore = mode.logs.length;
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    const reply = await rawRequest(`${mode.url}/api/ekyc/okaylive`, {
      headers: { 'Content-Type': MULTIPART, 'Transfer-Encoding': 'chunked' },
      body: function* () {
        yield multipartBody(BOUNDARY, [journey(id)], false);
        yield Buffer.from(
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="imageBest"; filename="selfie.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
        );
        // 200 MB if nobody stops us.
        for (let i = 0; i < 3200; i++) yield chunk;
      },
    });
    expectRefused(reply, 413, 'Request size exceed 5MB');
    await expect.poll(() => mode.logs.length).toBeGreaterThan(logsBefore);
    const line = mode.logs
      .slice(logsBefore)
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.route === '/okaylive');
    // The reader stopped at the limit (plus the chunk that crossed it).
    expect(line?.bytesIn).toBeGreaterThan(MAX_REQUEST_BYTES);
    expect(line?.bytesIn).toBeLessThan(MAX_REQUEST_BYTES + 256 * 1024);
    // The client could not push the whole 200 MB through: the connection was cut.
    expect(reply.sent).toBeLessThan(100 * 1024 * 1024);
  });

  it.each([
    ['GET', '/okaylive', 'POST'],
    ['PUT', '/okaylive', 'POST'],
    ['DELETE', '/okaylive', 'POST'],
    ['OPTIONS', '/okaylive', 'POST'],
    ['GET', '/journeyid', 'POST'],
    ['PATCH', '/journeyid', 'POST'],
    ['POST', '/engine', 'GET, HEAD'],
  ])('%s %s → 405 with Allow: %s', async (method, route, allow) => {
    const reply = await rawRequest(`${modes[name].url}/api/ekyc${route}`, { method });
    expectRefused(reply, 405, 'METHOD_NOT_ALLOWED');
    expect(reply.headers.allow).toBe(allow);
  });

  it('unknown routes under the API are 404', async () => {
    for (const route of ['/okaylive/../journeyid', '/scorecard', '/', '/okaylive%00']) {
      const reply = await rawRequest(modes[name].url, { method: 'POST', rawPath: `/api/ekyc${route}` });
      expect(reply.status, route).toBe(404);
    }
  });

  it('a journey request with a 20 MB body is refused as soon as its length is known, and creates nothing', async () => {
    const mode = modes[name];
    const journeysBefore = fake.received.filter((r) => r.path === '/api/ekyc/journeyid').length;
    const chunk = Buffer.alloc(64 * 1024, 0x7b);
    const total = 20 * 1024 * 1024;
    const declared = await rawRequest(`${mode.url}/api/ekyc/journeyid`, {
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(total) },
      body: function* () {
        for (let i = 0; i < total / chunk.length; i++) yield chunk;
      },
    });
    expectRefused(declared, 413, 'PAYLOAD_TOO_LARGE');
    expect(declared.sent).toBeLessThan(total);
    const chunked = await rawRequest(`${mode.url}/api/ekyc/journeyid`, {
      headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      body: function* () {
        for (let i = 0; i < total / chunk.length; i++) yield chunk;
      },
    });
    expectRefused(chunked, 413, 'PAYLOAD_TOO_LARGE');
    expect(chunked.sent).toBeLessThan(total);
    expect(fake.received.filter((r) => r.path === '/api/ekyc/journeyid').length).toBe(journeysBefore);
  });

  it('a journey request with a small body (an empty JSON object) is still answered', async () => {
    const reply = await rawRequest(`${modes[name].url}/api/ekyc/journeyid`, {
      headers: { 'Content-Type': 'application/json' },
      body: Buffer.from('{}'),
    });
    expect(reply.status).toBe(200);
    expect((JSON.parse(reply.text) as { status: string }).status).toBe('success');
  });

  it('after all of it, the server still answers a good upload', async () => {
    const mode = modes[name];
    const r = await fetch(`${mode.url}/api/ekyc/okaylive`, {
      method: 'POST',
      body: form({ imageBest: { bytes: jpeg }, journeyId: await mode.journeyId() }),
    });
    expect(r.status).toBe(200);
    expect(((await r.json()) as { status: string }).status).toBe('success');
  });
});
