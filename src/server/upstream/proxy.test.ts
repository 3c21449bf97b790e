import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readConfig } from '../config.ts';
import { createEkycMiddleware } from '../handler.ts';
import { startFakeInnov8tif, type Fake } from '../testing/fake-innov8tif.ts';
import { form, portraitJpeg } from '../testing/images.ts';
import { serve, type Running } from '../testing/serve.ts';

const USERNAME = 'bank-user-4821';
const PASSWORD = 's3cret-Pa55word!';

let fake: Fake;
let proxy: Running;
let jpeg: Buffer;

beforeAll(async () => {
  fake = await startFakeInnov8tif({ username: USERNAME, password: PASSWORD });
  const config = readConfig({ OKAYLIVE_BASE_URL: fake.url, OKAYLIVE_USERNAME: USERNAME, OKAYLIVE_PASSWORD: PASSWORD });
  proxy = await serve(createEkycMiddleware(config));
  jpeg = await portraitJpeg();
});
afterAll(async () => {
  await proxy.close();
  await fake.close();
});
beforeEach(() => {
  fake.received.length = 0;
  fake.options.delayMs = 0;
  delete fake.options.okaylive;
});

/** Everything the browser can see of a response: status, headers and body. */
async function browserView(r: Response): Promise<string> {
  return `${r.status} ${JSON.stringify([...r.headers])} ${await r.text()}`;
}

function expectNoSecrets(text: string): void {
  for (const secret of [USERNAME, PASSWORD, fake.url, '127.0.0.1:' + new URL(fake.url).port, 'innov8tif-internal', '10.1.2.3', 'internalNode']) {
    expect(text).not.toContain(secret);
  }
}

describe('upstream mode against a fake Innov8tif', () => {
  it('creates the journey server-side with the credentials and hands the browser only the journeyId', async () => {
    const r = await fetch(`${proxy.url}/api/ekyc/journeyid`, { method: 'POST' });
    const text = await browserView(r.clone());
    expect(await r.json()).toEqual({ status: 'success', message: 'api.success', journeyId: '7851b4e3-1111-4222-8333-444455556666' });
    expect(fake.received[0]?.json).toEqual({ username: USERNAME, password: PASSWORD });
    expectNoSecrets(text);
  });

  it('passes the multipart upload through and the answer back, after a slow (2 s) answer', async () => {
    fake.options.delayMs = 2000;
    const r = await fetch(`${proxy.url}/api/ekyc/okaylive`, { method: 'POST', body: form({ imageBest: { bytes: jpeg }, journeyId: 'j-42' }) });
    const text = await browserView(r.clone());
    expect(await r.json()).toEqual({ status: 'success', messageCode: 'api.success', probability: 0.9999331, score: 9.612308, quality: 0.6691686 });
    expect(fake.received[0]?.parts).toEqual({ imageBest: { filename: 'selfie.jpg', size: jpeg.length }, journeyId: { value: 'j-42' } });
    expectNoSecrets(text);
  }, 10_000);

  it('passes a 200-with-error body through unchanged for the client to read', async () => {
    fake.options.okaylive = { status: 200, body: { status: 'error', messageCode: null, message: 'INVALID_JOURNEY_ID' } };
    const r = await fetch(`${proxy.url}/api/ekyc/okaylive`, { method: 'POST', body: form({ imageBest: { bytes: jpeg }, journeyId: 'old' }) });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ status: 'error', messageCode: null, message: 'INVALID_JOURNEY_ID' });
  });

  it('an HTML error page upstream becomes a contract-shaped 502 that names nothing', async () => {
    fake.options.okaylive = 'html';
    const r = await fetch(`${proxy.url}/api/ekyc/okaylive`, { method: 'POST', body: form({ imageBest: { bytes: jpeg }, journeyId: 'j' }) });
    const text = await browserView(r.clone());
    expect(r.status).toBe(502);
    expect(await r.json()).toEqual({ status: 'error', messageCode: null, message: 'UNEXPECTED_ERROR' });
    expectNoSecrets(text);
  });

  it('validates before forwarding: a missing part never reaches upstream', async () => {
    const r = await fetch(`${proxy.url}/api/ekyc/okaylive`, { method: 'POST', body: form({ journeyId: 'j' }) });
    expect(r.status).toBe(400);
    expect(fake.received).toHaveLength(0);
  });

  it('wrong credentials upstream are not echoed', async () => {
    const config = readConfig({ OKAYLIVE_BASE_URL: fake.url, OKAYLIVE_USERNAME: 'x', OKAYLIVE_PASSWORD: PASSWORD });
    const other = await serve(createEkycMiddleware(config));
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
});
