import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { sendError, sendJson } from '../http/respond.ts';
import { serve, type Running } from '../testing/serve.ts';
import { NO_ANSWER_STATUS, teeAnswer } from './answer-tee.ts';
import type { HandoffAnswer } from './state.ts';

let running: Running | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

/** Serves `answer` behind the tee (with the header every API response has first) and reports what the tee recorded. */
async function recorded(
  answer: (res: ServerResponse) => void,
  init?: RequestInit,
): Promise<{ seen: HandoffAnswer[]; response: Response | null }> {
  const seen: HandoffAnswer[] = [];
  running = await serve((_req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('X-Request-Id', 'test');
    teeAnswer(res, (a) => seen.push(a));
    answer(res);
  });
  const response = await fetch(running.url, init).catch(() => null);
  await expect.poll(() => seen.length).toBe(1);
  return { seen, response };
}

describe('teeAnswer: what the phone was told, once', () => {
  it('a JSON success as it went out', async () => {
    const { seen, response } = await recorded((res) => sendJson(res, 200, { status: 'success', outcome: 'live' }));
    expect(await response?.json()).toEqual({ status: 'success', outcome: 'live' });
    expect(seen).toEqual([{ status: 200, body: { status: 'success', outcome: 'live' } }]);
  });

  it('a refusal with its Retry-After', async () => {
    const { seen } = await recorded((res) => sendError(res, 503, 'SERVICE_UNAVAILABLE', { 'Retry-After': '3' }));
    expect(seen).toEqual([
      { status: 503, body: { status: 'error', messageCode: null, message: 'SERVICE_UNAVAILABLE' }, retryAfter: '3' },
    ]);
  });

  it('a body that is not JSON is recorded as none', async () => {
    const { seen } = await recorded((res) => {
      res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(Buffer.from('bad gateway'));
    });
    expect(seen).toEqual([{ status: 502, body: null }]);
  });

  it('a client gone before any answer is recorded as no answer', async () => {
    const controller = new AbortController();
    const seen: HandoffAnswer[] = [];
    running = await serve((_req: IncomingMessage, res: ServerResponse) => {
      teeAnswer(res, (a) => seen.push(a));
      controller.abort();
    });
    await fetch(running.url, { signal: controller.signal }).catch(() => null);
    await expect.poll(() => seen).toEqual([{ status: NO_ANSWER_STATUS, body: null }]);
  });
});
