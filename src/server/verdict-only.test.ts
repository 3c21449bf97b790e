/**
 * Verdict-only answers over HTTP, in both modes: the browser gets the outcome and never the
 * figures; the backend keeps the whole answer (log line, answer hook).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEvent, AnswerHook } from './upload/answer-mode.ts';
import { createApp } from './app.ts';
import { readConfig, readServeConfig } from './config/config.ts';
import { createEkycMiddleware } from './handler.ts';
import { jsonLogger, silentLogger } from './http/log.ts';
import type { AnalysisOutcome } from './reference/analyse.ts';
import { FAKE_SUCCESS, startFakeInnov8tif, type Fake } from './testing/fake-innov8tif.ts';
import { form, selfieJpeg } from './testing/images.ts';
import { serve, type Running } from './testing/serve.ts';
import { stubEngine } from './testing/stub-engine.ts';

let dir: string;
let jpeg: Buffer;
let fake: Fake;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'okl-verdict-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>demo</title>');
  jpeg = await selfieJpeg();
  fake = await startFakeInnov8tif({ username: 'u', password: 'p' });
});
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  delete fake.options.okaylive;
  fake.received.length = 0;
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

const VERDICT_BODY = /^\{"status":"success","messageCode":"api\.success","outcome":"(live|not_live|retake)"\}$/;

function faceAnswer(): Promise<AnalysisOutcome> {
  return Promise.resolve({
    kind: 'answer',
    answer: { kind: 'face', code: 'EYES_CLOSED' },
    notes: { width: 1, height: 1, faces: 1, failures: [], aspects: null, decodeMs: 0, detectMs: 0 },
  });
}

/** The production app (createApp) in reference mode with a stub analysis (probability 0.8, quality 0.7). */
async function production(
  env: Record<string, string> = {},
  options: { onAnswer?: AnswerHook; logs?: string[]; face?: boolean } = {},
): Promise<string> {
  const engine = stubEngine(options.face ? { analyse: faceAnswer } : {});
  const app = createApp(readConfig(env), readServeConfig({ OKAYLIVE_STATIC_DIR: dir }), {
    engine,
    logger: options.logs ? jsonLogger((line) => options.logs?.push(line)) : silentLogger,
    ...(options.onAnswer ? { onAnswer: options.onAnswer } : {}),
  });
  const running = await serve((req: IncomingMessage, res: ServerResponse) => app.handle(req, res));
  closers.push(async () => {
    await running.close();
    await app.close();
  });
  return running.url;
}

async function upstream(env: Record<string, string>, onAnswer?: AnswerHook): Promise<string> {
  const api = createEkycMiddleware(
    readConfig({
      OKAYLIVE_BASE_URL: fake.url,
      OKAYLIVE_USERNAME: 'u',
      OKAYLIVE_PASSWORD: 'p',
      OKAYLIVE_LOG: 'off',
      ...env,
    }),
    onAnswer ? { onAnswer } : {},
  );
  const running: Running = await serve(api);
  closers.push(async () => {
    await running.close();
    await api.close();
  });
  return running.url;
}

async function journey(url: string): Promise<string> {
  return ((await (await fetch(`${url}/api/ekyc/journeyid`, { method: 'POST' })).json()) as { journeyId: string })
    .journeyId;
}

async function check(
  url: string,
  journeyId: string,
  image = jpeg,
): Promise<{ status: number; text: string; requestId: string | null }> {
  const r = await fetch(`${url}/api/ekyc/okaylive`, {
    method: 'POST',
    body: form({ imageBest: { bytes: image }, journeyId }),
  });
  return { status: r.status, text: await r.text(), requestId: r.headers.get('x-request-id') };
}

describe('the production server answers verdicts only, by default', { timeout: 20_000 }, () => {
  it('a success is exactly status, messageCode and outcome; the hook and the log keep the figures', async () => {
    const events: AnswerEvent[] = [];
    const logs: string[] = [];
    const url = await production({}, { onAnswer: (event) => void events.push(event), logs });
    const id = await journey(url);
    const r = await check(url, id);
    expect(r.status).toBe(200);
    expect(r.text).toBe('{"status":"success","messageCode":"api.success","outcome":"live"}');
    expect(events).toEqual([
      {
        journeyId: id,
        requestId: r.requestId,
        status: 200,
        answer: { status: 'success', messageCode: 'api.success', probability: 0.8, quality: 0.7, score: Math.log(4) },
        outcome: 'live',
        source: 'fresh',
      },
    ]);
    await expect.poll(() => logs.some((l) => l.includes('"route":"/okaylive"'))).toBe(true);
    const line = JSON.parse(logs.find((l) => l.includes('"route":"/okaylive"')) ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({
      outcome: 'success',
      verdict: 'live',
      probability: 0.8,
      quality: 0.7,
      score: Number(Math.log(4).toFixed(4)),
    });
  });

  it('a face code is unchanged', async () => {
    const url = await production({}, { face: true });
    const r = await check(url, await journey(url));
    expect(r).toMatchObject({ status: 200, text: '{"status":"error","messageCode":null,"message":"EYES_CLOSED"}' });
  });

  it('OKAYLIVE_ANSWER_MODE=full gives the production server the whole answer', async () => {
    const url = await production({ OKAYLIVE_ANSWER_MODE: 'full' });
    const r = await check(url, await journey(url));
    expect(JSON.parse(r.text)).toEqual({
      status: 'success',
      messageCode: 'api.success',
      probability: 0.8,
      quality: 0.7,
      score: Math.log(4),
    });
  });

  it('the middleware on its own (the dev server and console) answers in full unless told otherwise', async () => {
    const api = createEkycMiddleware(readConfig({ OKAYLIVE_LOG: 'off' }), { engine: stubEngine() });
    const running = await serve(api);
    closers.push(async () => {
      await running.close();
      await api.close();
    });
    const r = await check(running.url, await journey(running.url));
    expect(JSON.parse(r.text)).toMatchObject({ probability: 0.8, quality: 0.7 });
  });
});

describe('verdict-only in upstream mode', { timeout: 20_000 }, () => {
  it.each([
    ['live', FAKE_SUCCESS],
    ['not_live', { status: 'success', messageCode: 'api.success', probability: 0.2, score: -1.386, quality: 0.9 }],
    ['retake', { status: 'success', messageCode: 'api.success', probability: 0.99, score: 4.6, quality: 0.3 }],
  ])('the vendor figures become %s, and nothing else', async (outcome, body) => {
    fake.options.okaylive = { status: 200, body };
    const events: AnswerEvent[] = [];
    const url = await upstream({ OKAYLIVE_ANSWER_MODE: 'verdict-only' }, (event) => void events.push(event));
    const r = await check(url, `verdict-${outcome}`);
    expect(r.text).toMatch(VERDICT_BODY);
    expect(JSON.parse(r.text)).toEqual({ status: 'success', messageCode: 'api.success', outcome });
    expect(events[0]).toMatchObject({ journeyId: `verdict-${outcome}`, answer: body, outcome, source: 'fresh' });
  });

  it('a vendor face code passes unchanged', async () => {
    fake.options.okaylive = { status: 200, body: { status: 'error', messageCode: null, message: 'FACE_CROPPED' } };
    const url = await upstream({ OKAYLIVE_ANSWER_MODE: 'verdict-only' });
    expect((await check(url, 'verdict-face')).text).toBe(
      '{"status":"error","messageCode":null,"message":"FACE_CROPPED"}',
    );
  });

  it('a vendor success without figures cannot be read: 502, never a made-up outcome', async () => {
    fake.options.okaylive = { status: 200, body: { status: 'success', messageCode: 'api.success' } };
    const url = await upstream({ OKAYLIVE_ANSWER_MODE: 'verdict-only' });
    const r = await check(url, 'verdict-empty');
    expect(r).toMatchObject({
      status: 502,
      text: '{"status":"error","messageCode":null,"message":"UNEXPECTED_ERROR"}',
    });
  });

  it('a hook that fails gets a 500 to the browser; its resend is answered from the record, the hook told again, the vendor not called again', async () => {
    const events: AnswerEvent[] = [];
    let failOnce = true;
    const url = await upstream({ OKAYLIVE_ANSWER_MODE: 'verdict-only' }, (event) => {
      events.push(event);
      if (failOnce) {
        failOnce = false;
        throw new Error('database down');
      }
    });
    const first = await check(url, 'verdict-hook');
    expect(first.status).toBe(500);
    expect(first.text).not.toMatch(/database/);
    const again = await check(url, 'verdict-hook');
    expect(again).toMatchObject({
      status: 200,
      text: '{"status":"success","messageCode":"api.success","outcome":"live"}',
    });
    expect(events.map((e) => e.source)).toEqual(['fresh', 'resend']);
    expect(fake.received.filter((r) => r.path === '/api/ekyc/okaylive')).toHaveLength(1);
  });
});
