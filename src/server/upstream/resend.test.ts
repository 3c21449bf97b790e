/**
 * Nothing billed twice, against a fake vendor that counts its calls: an identical resend (same
 * journey, same image bytes) is answered from the record or joins the call in flight, including
 * after the browser was told 504 while the vendor was still working.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TIMEOUT_MS } from '../../core/api/client.ts';
import { readConfig } from '../config/config.ts';
import { createEkycMiddleware, type EkycApi } from '../handler.ts';
import { jsonLogger } from '../http/log.ts';
import { deferred } from '../testing/deferred.ts';
import { FAKE_SUCCESS, startFakeInnov8tif, type Fake, type FakeOptions } from '../testing/fake-innov8tif.ts';
import { form, selfieJpeg } from '../testing/images.ts';
import { serve, type Running } from '../testing/serve.ts';
import { resendKey } from './resend.ts';

let jpeg: Buffer;
let otherJpeg: Buffer;
const running: { fake: Fake; api: EkycApi; server: Running }[] = [];
beforeAll(async () => {
  jpeg = await selfieJpeg();
  otherJpeg = await selfieJpeg({ quality: 85 });
});
afterEach(async () => {
  for (const { fake, api, server } of running.splice(0)) {
    await server.close();
    await api.close();
    await fake.close();
  }
});

async function start(env: Record<string, string> = {}, fakeOptions: Partial<FakeOptions> = {}) {
  const fake = await startFakeInnov8tif({ username: 'u', password: 'p', ...fakeOptions });
  const logs: Record<string, unknown>[] = [];
  const api = createEkycMiddleware(
    readConfig({ OKAYLIVE_BASE_URL: fake.url, OKAYLIVE_USERNAME: 'u', OKAYLIVE_PASSWORD: 'p', ...env }),
    {
      logger: jsonLogger((line) => logs.push(JSON.parse(line) as Record<string, unknown>)),
    },
  );
  const server = await serve(api);
  running.push({ fake, api, server });
  return {
    url: server.url,
    fake,
    logs,
    calls: () => fake.received.filter((r) => r.path === '/api/ekyc/okaylive').length,
  };
}

async function upload(url: string, journeyId: string, image = jpeg): Promise<{ status: number; body: unknown }> {
  const r = await fetch(`${url}/api/ekyc/okaylive`, {
    method: 'POST',
    body: form({ imageBest: { bytes: image }, journeyId }),
    signal: AbortSignal.timeout(20_000),
  });
  return { status: r.status, body: await r.json() };
}

describe('an identical resend is not a second vendor call', { timeout: 30_000 }, () => {
  it('the upstream timeout is clearly shorter than the browser client’s', () => {
    const timeout =
      readConfig({ OKAYLIVE_BASE_URL: 'https://x.example', OKAYLIVE_USERNAME: 'u', OKAYLIVE_PASSWORD: 'p' }).upstream
        ?.timeoutMs ?? Infinity;
    expect(timeout).toBeLessThanOrEqual(DEFAULT_TIMEOUT_MS - 5_000);
  });

  it('two identical uploads one after the other: one vendor call, the same answer twice', async () => {
    const proxy = await start();
    const first = await upload(proxy.url, 'resend-1');
    const second = await upload(proxy.url, 'resend-1');
    expect(first).toEqual({ status: 200, body: FAKE_SUCCESS });
    expect(second).toEqual(first);
    expect(proxy.calls()).toBe(1);
    await expect
      .poll(() => proxy.logs.filter((l) => l.route === '/okaylive').map((l) => l.answer))
      .toEqual(['fresh', 'resend']);
  });

  it('two identical uploads at once: one vendor call, both answered', async () => {
    const held = deferred();
    const proxy = await start({}, { gate: held.promise });
    const both = Promise.all([upload(proxy.url, 'resend-2'), upload(proxy.url, 'resend-2')]);
    await expect.poll(() => proxy.calls(), { timeout: 10_000 }).toBe(1);
    held.release();
    const [a, b] = await both;
    expect(a).toEqual({ status: 200, body: FAKE_SUCCESS });
    expect(b).toEqual(a);
    expect(proxy.calls()).toBe(1);
  });

  it('another image, or another journey, is another call', async () => {
    const proxy = await start();
    await upload(proxy.url, 'resend-3');
    await upload(proxy.url, 'resend-3', otherJpeg);
    await upload(proxy.url, 'resend-3-other');
    expect(proxy.calls()).toBe(3);
  });

  it('after a 504 the call goes on: a resend joins it and gets its answer, and no second call is made', async () => {
    const held = deferred();
    const proxy = await start({ OKAYLIVE_UPSTREAM_TIMEOUT_MS: '500' }, { gate: held.promise });
    const timedOut = await upload(proxy.url, 'resend-4');
    expect(timedOut).toEqual({
      status: 504,
      body: { status: 'error', messageCode: null, message: 'UNEXPECTED_ERROR' },
    });
    expect(proxy.calls()).toBe(1);
    // The person taps "Try again" with the same selfie while the vendor is still judging it.
    const resend = upload(proxy.url, 'resend-4');
    held.release();
    expect(await resend).toEqual({ status: 200, body: FAKE_SUCCESS });
    expect(await upload(proxy.url, 'resend-4')).toEqual({ status: 200, body: FAKE_SUCCESS });
    expect(proxy.calls()).toBe(1);
  });

  it('a resend made after the late answer landed gets that answer: still one call', async () => {
    const held = deferred();
    const proxy = await start({ OKAYLIVE_UPSTREAM_TIMEOUT_MS: '500' }, { gate: held.promise });
    expect((await upload(proxy.url, 'resend-5')).status).toBe(504);
    held.release();
    await expect.poll(() => proxy.fake.answered, { timeout: 10_000 }).toBe(1);
    expect(await upload(proxy.url, 'resend-5')).toEqual({ status: 200, body: FAKE_SUCCESS });
    expect(proxy.calls()).toBe(1);
  });

  it('a failure is not recorded: the resend calls the vendor again', async () => {
    const proxy = await start({}, { okaylive: { status: 500, body: { status: 'Internal Server Error' } } });
    expect((await upload(proxy.url, 'resend-6')).status).toBe(502);
    delete proxy.fake.options.okaylive;
    expect(await upload(proxy.url, 'resend-6')).toEqual({ status: 200, body: FAKE_SUCCESS });
    expect(proxy.calls()).toBe(2);
  });

  it('a record lasts OKAYLIVE_RESEND_WINDOW_MS', async () => {
    const proxy = await start({ OKAYLIVE_RESEND_WINDOW_MS: '300' });
    await upload(proxy.url, 'resend-7');
    await new Promise((r) => setTimeout(r, 400));
    await upload(proxy.url, 'resend-7');
    expect(proxy.calls()).toBe(2);
  });
});

describe('resendKey', () => {
  it.each([
    ['journey a, image 1', 'journey-a', 'digest-1'],
    ['journey b, image 1', 'journey-b', 'digest-1'],
    ['journey a, image 2', 'journey-a', 'digest-2'],
    ['a split that could collide without a separator', 'journey-ad', 'igest-1'],
  ])('%s: a key of its own that holds no journeyId', (_name, journeyId, digest) => {
    const key = resendKey(journeyId, digest);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).not.toContain(journeyId);
    const others = [
      ['journey-a', 'digest-1'],
      ['journey-b', 'digest-1'],
      ['journey-a', 'digest-2'],
      ['journey-ad', 'igest-1'],
    ].filter(([j, d]) => j !== journeyId || d !== digest);
    for (const [j = '', d = ''] of others) expect(resendKey(j, d)).not.toBe(key);
  });
});
