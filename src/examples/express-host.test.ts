import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOkayLiveClient } from '../core/api/client.ts';
import { FAKE_JOURNEY_ID, FAKE_SUCCESS, startFakeInnov8tif, type Fake } from '../server/testing/fake-innov8tif.ts';
import { form, selfieJpeg } from '../server/testing/images.ts';
import { serve, type Running } from '../server/testing/serve.ts';
import { createHostApp } from './express-host.ts';

const USERNAME = 'bank-user-4821';
const PASSWORD = 's3cret-Pa55word!';

let fake: Fake;
let host: Running;
let jpeg: Buffer;
const outcomes: Array<[string, string]> = [];

beforeAll(async () => {
  fake = await startFakeInnov8tif({ username: USERNAME, password: PASSWORD });
  host = await serve(
    createHostApp({
      baseUrl: fake.url,
      username: USERNAME,
      password: PASSWORD,
      recordOutcome: (id, outcome) => outcomes.push([id, outcome]),
    }),
  );
  jpeg = await selfieJpeg();
});
afterAll(async () => {
  await host.close();
  await fake.close();
});
beforeEach(() => {
  fake.received.length = 0;
  fake.options.okaylive = undefined;
  outcomes.length = 0;
});

const post = (path: string, body?: FormData) =>
  fetch(`${host.url}${path}`, { method: 'POST', ...(body ? { body } : {}) });

describe('the Express host backend of the integration guide', () => {
  it('is quoted in the guide exactly as tested', () => {
    const source = readFileSync(new URL('./express-host.ts', import.meta.url), 'utf8');
    const guide = readFileSync(new URL('../../docs/INTEGRATION.md', import.meta.url), 'utf8');
    const body = source.slice(source.indexOf('import express'));
    expect(guide).toContain(body.trim());
  });

  it('drives the widget’s own API client end to end: journey, upload, verdict', async () => {
    const client = createOkayLiveClient({ apiBaseUrl: `${host.url}/api/ekyc` });
    const journeyId = await client.createJourney();
    expect(journeyId).toBe(FAKE_JOURNEY_ID);
    // The credentials went server to server, in a JSON body.
    expect(fake.received[0]?.json).toEqual({ username: USERNAME, password: PASSWORD });

    const verdict = await client.checkLiveness({
      imageBest: new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }),
      journeyId,
    });
    expect(verdict).toEqual({
      outcome: 'live',
      probability: FAKE_SUCCESS.probability,
      quality: FAKE_SUCCESS.quality,
      score: FAKE_SUCCESS.score,
    });
    expect(fake.received[1]?.parts).toEqual({
      imageBest: { filename: 'selfie.jpg', size: jpeg.length, contentType: 'image/jpeg' },
      journeyId: { value: FAKE_JOURNEY_ID },
    });
    expect(outcomes).toEqual([[FAKE_JOURNEY_ID, 'live']]);
  });

  it('records a face code as a retake and passes only contract fields back', async () => {
    fake.options.okaylive = {
      status: 200,
      body: { status: 'error', messageCode: null, message: 'EYES_CLOSED', internalNode: 'sg-3' },
    };
    const answer = await post('/api/ekyc/okaylive', form({ imageBest: { bytes: jpeg }, journeyId: FAKE_JOURNEY_ID }));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-upstream-host')).toBeNull();
    expect(await answer.json()).toEqual({ status: 'error', messageCode: null, message: 'EYES_CLOSED' });
    expect(outcomes).toEqual([[FAKE_JOURNEY_ID, 'retake']]);
  });

  it('refuses a request without its parts, or with a file over 3 MB, before calling Innov8tif', async () => {
    expect((await post('/api/ekyc/okaylive', form({ journeyId: FAKE_JOURNEY_ID }))).status).toBe(400);
    expect((await post('/api/ekyc/okaylive', form({ imageBest: { bytes: jpeg } }))).status).toBe(400);
    const big = await post(
      '/api/ekyc/okaylive',
      form({ imageBest: { bytes: new Uint8Array(3 * 1024 * 1024 + 1) }, journeyId: FAKE_JOURNEY_ID }),
    );
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ message: 'PAYLOAD_TOO_LARGE' });
    expect(fake.received).toEqual([]);
  });

  it('answers 502 in the contract’s words when Innov8tif fails, naming nothing of it', async () => {
    fake.options.okaylive = 'html';
    const answer = await post('/api/ekyc/okaylive', form({ imageBest: { bytes: jpeg }, journeyId: FAKE_JOURNEY_ID }));
    expect(answer.status).toBe(502);
    const text = await answer.text();
    expect(JSON.parse(text)).toEqual({ status: 'error', messageCode: null, message: 'UNEXPECTED_ERROR' });
    expect(text).not.toMatch(/innov8tif|10\.1\.2\.3|nginx/);
  });
});
