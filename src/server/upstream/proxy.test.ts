import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readConfig } from '../config/config.ts';
import { createEkycMiddleware, type EkycApi } from '../handler.ts';
import { jsonLogger } from '../http/log.ts';
import { FAKE_JOURNEY_ID, FAKE_SUCCESS, startFakeInnov8tif, type Fake } from '../testing/fake-innov8tif.ts';
import { form, selfieJpeg } from '../testing/images.ts';
import { serve, type Running } from '../testing/serve.ts';

const USERNAME = 'bank-user-4821';
const PASSWORD = 's3cret-Pa55word!';
const TIMEOUT_MS = 600;

let fake: Fake;
let api: EkycApi;
let proxy: Running;
let jpeg: Buffer;
const logLines: string[] = [];

function upstreamEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    OKAYLIVE_BASE_URL: fake.url,
    OKAYLIVE_USERNAME: USERNAME,
    OKAYLIVE_PASSWORD: PASSWORD,
    OKAYLIVE_UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS),
    ...extra,
  };
}

beforeAll(async () => {
  fake = await startFakeInnov8tif({ username: USERNAME, password: PASSWORD });
  api = createEkycMiddleware(readConfig(upstreamEnv({ OKAYLIVE_JOURNEY_RATE_PER_MINUTE: '1000' })), {
    logger: jsonLogger((line) => logLines.push(line)),
  });
  proxy = await serve(api);
  jpeg = await selfieJpeg();
});
afterAll(async () => {
  await proxy.close();
  await api.close();
  await fake.close();
  // Nothing the proxy logged, in any test, names the upstream, a credential or a whole journeyId.
  expect(logLines.length).toBeGreaterThan(10);
  expectNoSecrets(logLines.join('\n'));
  expect(logLines.join('\n')).not.toContain(FAKE_JOURNEY_ID);
});
beforeEach(() => {
  fake.received.length = 0;
  fake.options.delayMs = 0;
  delete fake.options.okaylive;
  delete fake.options.journeyid;
});

/** Everything the browser can see of a response: status, headers and body. */
async function browserView(r: Response): Promise<string> {
  return `${r.status} ${JSON.stringify([...r.headers])} ${await r.text()}`;
}

function expectNoSecrets(text: string): void {
  const port = new URL(fake.url).port;
  for (const secret of [
    USERNAME,
    PASSWORD,
    fake.url,
    `127.0.0.1:${port}`,
    `:${port}`,
    'innov8tif-internal',
    '10.1.2.3',
    'internalNode',
    'sg-3',
    'nginx',
  ]) {
    expect(text).not.toContain(secret);
  }
}

let uploads = 0;
/** A new journeyId each time by default: an identical resend would be answered from the record, not forwarded. */
const upload = (journeyId = `j-${++uploads}`) =>
  fetch(`${proxy.url}/api/ekyc/okaylive`, { method: 'POST', body: form({ imageBest: { bytes: jpeg }, journeyId }) });

describe('upstream mode against a fake Innov8tif', { timeout: 20_000 }, () => {
  it('creates the journey server-side with the credentials and hands the browser only the journeyId', async () => {
    const r = await fetch(`${proxy.url}/api/ekyc/journeyid`, { method: 'POST' });
    const text = await browserView(r.clone());
    expect(await r.json()).toEqual({ status: 'success', message: 'api.success', journeyId: FAKE_JOURNEY_ID });
    expect(fake.received[0]?.json).toEqual({ username: USERNAME, password: PASSWORD });
    expect(r.headers.get('x-request-id')).toBeTruthy();
    expectNoSecrets(text);
  });

  it('passes the multipart upload through and the answer back, after a slow (2 s) answer', async () => {
    fake.options.delayMs = 2000;
    const slowApi = createEkycMiddleware(
      readConfig(upstreamEnv({ OKAYLIVE_UPSTREAM_TIMEOUT_MS: '30000', OKAYLIVE_LOG: 'off' })),
    );
    const slow = await serve(slowApi);
    const r = await fetch(`${slow.url}/api/ekyc/okaylive`, {
      method: 'POST',
      body: form({ imageBest: { bytes: jpeg }, journeyId: 'j-42' }),
    });
    await slow.close();
    const text = await browserView(r.clone());
    expect(await r.json()).toEqual(FAKE_SUCCESS);
    expect(fake.received[0]?.parts).toEqual({
      imageBest: { filename: 'selfie.jpg', size: jpeg.length, contentType: 'image/jpeg' },
      journeyId: { value: 'j-42' },
    });
    expectNoSecrets(text);
  }, 15_000);

  it.each([
    [
      'JPEG bytes declared as a PNG named x.png',
      'jpeg',
      'image/png',
      'x.png',
      { type: 'image/jpeg', filename: 'selfie.jpg' },
    ],
    [
      'PNG bytes declared as a JPEG named selfie.jpg',
      'png',
      'image/jpeg',
      'selfie.jpg',
      { type: 'image/png', filename: 'selfie.png' },
    ],
    [
      'JPEG bytes declared as octet-stream with an odd name',
      'jpeg',
      'application/octet-stream',
      '../../etc/passwd',
      { type: 'image/jpeg', filename: 'selfie.jpg' },
    ],
  ] as const)('%s go upstream as what the bytes are', async (_name, format, declared, filename, expected) => {
    const { default: sharp } = await import('sharp');
    const bytes = format === 'png' ? await sharp(jpeg).png().toBuffer() : jpeg;
    const journeyId = `sniff-${format}-${declared.length}`;
    const r = await fetch(`${proxy.url}/api/ekyc/okaylive`, {
      method: 'POST',
      body: form({ imageBest: { bytes, type: declared, filename }, journeyId }),
    });
    expect(r.status).toBe(200);
    const forwarded = fake.received.find((x) => x.path === '/api/ekyc/okaylive');
    expect(forwarded?.parts).toEqual({
      imageBest: { filename: expected.filename, size: bytes.length, contentType: expected.type },
      journeyId: { value: journeyId },
    });
    // Sent with its length, as the vendor's own samples send it, not chunked.
    expect(Number(forwarded?.headers['content-length'])).toBeGreaterThan(bytes.length);
    expect(forwarded?.headers['transfer-encoding']).toBeUndefined();
  });

  it.each([['INVALID_JOURNEY_ID'], ['EYES_CLOSED'], ['MAX_API_CALL_EXCEEDED']])(
    'passes a 200-with-error body (%s) through for the client to read',
    async (message) => {
      fake.options.okaylive = { status: 200, body: { status: 'error', messageCode: null, message } };
      const r = await upload();
      expect(r.status).toBe(200);
      expect(await r.json()).toEqual({ status: 'error', messageCode: null, message });
    },
  );

  it('passes a contract 4xx through', async () => {
    fake.options.okaylive = {
      status: 400,
      body: { status: 'error', messageCode: null, message: 'INVALID_JOURNEY_ID' },
    };
    const r = await upload();
    expect(r.status).toBe(400);
    expect(await r.json()).toEqual({ status: 'error', messageCode: null, message: 'INVALID_JOURNEY_ID' });
  });

  it('free text from upstream is never relayed', async () => {
    fake.options.okaylive = {
      status: 200,
      body: { status: 'error', messageCode: null, message: 'Connection to 10.1.2.3:5432 refused (internalNode sg-3)' },
    };
    const r = await upload();
    const text = await browserView(r.clone());
    expect(await r.json()).toEqual({ status: 'error', messageCode: null, message: 'UNEXPECTED_ERROR' });
    expectNoSecrets(text);
  });

  it.each([
    ['an HTML error page', 502, 'html' as const],
    ['a 500 in the documented shape', 502, { status: 500, body: { status: 'Internal Server Error' } }],
    ['a 503 with a Retry-After', 502, { status: 503, body: { status: 'error' }, headers: { 'Retry-After': '120' } }],
    [
      'credentials refused at the gateway',
      502,
      { status: 401, body: { status: 'error', message: 'bad token for bank-user-4821' } },
    ],
    ['a body that never ends', 502, 'huge' as const],
    ['a dropped connection', 502, 'reset' as const],
    ['JSON that is not an OkayLive answer', 502, { status: 200, body: ['internalNode', 'sg-3'] }],
    ['no answer within the timeout', 504, 'hang' as const],
  ])('%s becomes a contract-shaped %s that names nothing', async (_name, status, reply) => {
    fake.options.okaylive = reply;
    const started = performance.now();
    const r = await upload();
    const text = await browserView(r.clone());
    expect(r.status).toBe(status);
    expect(await r.json()).toEqual({ status: 'error', messageCode: null, message: 'UNEXPECTED_ERROR' });
    expect(r.headers.get('retry-after')).toBeNull();
    expect(r.headers.get('x-request-id')).toBeTruthy();
    if (status === 504) expect(performance.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expectNoSecrets(text);
  });

  it('the journey call times out the same way', async () => {
    fake.options.journeyid = 'hang';
    const r = await fetch(`${proxy.url}/api/ekyc/journeyid`, { method: 'POST' });
    expect(r.status).toBe(504);
    expect(await r.json()).toEqual({ status: 'error', messageCode: null, message: 'UNEXPECTED_ERROR' });
  });

  it('an unreachable upstream is a 502 that does not say where it tried', async () => {
    const closed = await startFakeInnov8tif({ username: USERNAME, password: PASSWORD });
    await closed.close();
    const downApi = createEkycMiddleware(
      readConfig({ ...upstreamEnv(), OKAYLIVE_BASE_URL: closed.url, OKAYLIVE_LOG: 'off' }),
    );
    const down = await serve(downApi);
    const r = await fetch(`${down.url}/api/ekyc/journeyid`, { method: 'POST' });
    const text = await browserView(r.clone());
    await down.close();
    expect(r.status).toBe(502);
    expect(text).not.toContain(new URL(closed.url).port);
    expectNoSecrets(text);
  });

  it('validates before forwarding: a missing part never reaches upstream', async () => {
    const r = await fetch(`${proxy.url}/api/ekyc/okaylive`, { method: 'POST', body: form({ journeyId: 'j' }) });
    expect(r.status).toBe(400);
    expect(fake.received).toHaveLength(0);
  });

  it('wrong credentials upstream are not echoed', async () => {
    const otherApi = createEkycMiddleware(
      readConfig({ ...upstreamEnv(), OKAYLIVE_USERNAME: 'x', OKAYLIVE_LOG: 'off' }),
    );
    const other = await serve(otherApi);
    const r = await fetch(`${other.url}/api/ekyc/journeyid`, { method: 'POST' });
    const text = await browserView(r);
    await other.close();
    expect(r.status).toBe(400);
    expectNoSecrets(text);
  });

  it('reports the engine without the address', async () => {
    const r = await fetch(`${proxy.url}/api/ekyc/engine`);
    const text = await browserView(r.clone());
    expect(await r.json()).toEqual({ engine: 'okaylive' });
    expectNoSecrets(text);
  });

  it('logs one structured line per request, with the request id and a shortened journeyId', async () => {
    const before = logLines.length;
    const r = await upload(FAKE_JOURNEY_ID);
    await r.text();
    await expect.poll(() => logLines.length).toBeGreaterThan(before);
    const line = JSON.parse(logLines.at(-1) ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({
      level: 'info',
      event: 'api',
      route: '/okaylive',
      status: 200,
      requestId: r.headers.get('x-request-id'),
      journey: '7851…(36)',
      outcome: 'success',
    });
    expect(typeof line.ms).toBe('number');
    expect(line.bytesIn).toBeGreaterThan(jpeg.length);
  });
});

describe('the journey-creation route', { timeout: 20_000 }, () => {
  it('can be switched off for hosts that create journeys in their own backend', async () => {
    const offApi = createEkycMiddleware(
      readConfig(upstreamEnv({ OKAYLIVE_JOURNEY_ROUTE: 'off', OKAYLIVE_LOG: 'off' })),
    );
    const off = await serve(offApi);
    const r = await fetch(`${off.url}/api/ekyc/journeyid`, { method: 'POST' });
    const okaylive = await fetch(`${off.url}/api/ekyc/okaylive`, {
      method: 'POST',
      body: form({ imageBest: { bytes: jpeg }, journeyId: 'host-made-1' }),
    });
    await off.close();
    expect(r.status).toBe(404);
    expect(await r.json()).toEqual({ status: 'error', messageCode: null, message: 'NOT_FOUND' });
    expect(fake.received.filter((x) => x.path === '/api/ekyc/journeyid')).toHaveLength(0);
    expect(okaylive.status).toBe(200);
  });

  it('is rate limited per client: 429 with Retry-After, without calling upstream', async () => {
    const limitedApi = createEkycMiddleware(
      readConfig(
        upstreamEnv({ OKAYLIVE_JOURNEY_RATE_PER_MINUTE: '2', OKAYLIVE_TRUST_PROXY: '1', OKAYLIVE_LOG: 'off' }),
      ),
    );
    const limited = await serve(limitedApi);
    const create = (client: string) =>
      fetch(`${limited.url}/api/ekyc/journeyid`, { method: 'POST', headers: { 'X-Forwarded-For': client } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await create('198.51.100.7')).status);
    const refused = await create('198.51.100.7');
    const otherClient = await create('203.0.113.5');
    await limited.close();
    expect(statuses).toEqual([200, 200, 429]);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toEqual({ status: 'error', messageCode: null, message: 'RATE_LIMITED' });
    expect(otherClient.status).toBe(200);
    expect(fake.received.filter((x) => x.path === '/api/ekyc/journeyid')).toHaveLength(3);
  });

  it('an X-Forwarded-For entry with a port is the same client whatever the port', async () => {
    const limitedApi = createEkycMiddleware(
      readConfig(
        upstreamEnv({ OKAYLIVE_JOURNEY_RATE_PER_MINUTE: '2', OKAYLIVE_TRUST_PROXY: '1', OKAYLIVE_LOG: 'off' }),
      ),
    );
    const limited = await serve(limitedApi);
    const create = (client: string) =>
      fetch(`${limited.url}/api/ekyc/journeyid`, { method: 'POST', headers: { 'X-Forwarded-For': client } });
    const statuses = [];
    for (const client of [
      '198.51.100.7:40001',
      '198.51.100.7:40002',
      '198.51.100.7:40003',
      '[2001:db8::1]:443',
      '[2001:db8::2]:444',
      '[2001:db8::3]:445',
    ]) {
      const r = await create(client);
      await r.text();
      statuses.push(r.status);
    }
    await limited.close();
    expect(statuses).toEqual([200, 200, 429, 200, 200, 429]);
  });
});
