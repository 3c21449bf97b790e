import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log.ts';
import { StoreUnavailableError } from '../store/store.ts';
import { openEvents } from '../testing/handoff.ts';
import { serve, type Running } from '../testing/serve.ts';
import { streamEvents } from './events.ts';
import type { HandoffEvent, HandoffState } from './state.ts';

/** The stream on its own, on fast timers, fed by a script of reads. */

let running: Running | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

const event = (state: HandoffState, attempts = 0): HandoffEvent => ({ state, expiresAt: 1, attempts });

async function stream(first: HandoffEvent, reads: (() => HandoffEvent | null)[], timing = { pollMs: 20, pingMs: 10_000 }) {
  let looks = 0;
  const finished: { sent: number | null } = { sent: null };
  running = await serve((req: IncomingMessage, res: ServerResponse) => {
    void streamEvents(req, res, first, {
      log: silentLogger,
      requestId: 'test',
      ...timing,
      read: async () => {
        const next = reads[Math.min(looks, reads.length - 1)];
        looks += 1;
        return next ? next() : null;
      },
    }).then((sent) => {
      finished.sent = sent;
    });
  });
  return { events: await openEvents(running.url, 'x'), looks: () => looks, finished };
}

describe('the event stream', () => {
  it('sends the first state at once, each change once, and ends after a terminal state', async () => {
    const s = await stream(event('waiting'), [
      () => event('waiting'),
      () => event('connected'),
      () => event('connected'),
      () => event('capturing'),
      () => event('capturing', 1),
      () => event('done', 1),
    ]);
    expect(s.events.status).toBe(200);
    expect(s.events.headers.get('content-type')).toBe('text/event-stream');
    expect(s.events.headers.get('cache-control')).toBe('no-store');
    expect(s.events.headers.get('x-accel-buffering')).toBe('no');
    await s.events.ended;
    expect(s.events.events.map((e) => [e.state, e.attempts])).toEqual([
      ['waiting', 0],
      ['connected', 0],
      ['capturing', 0],
      ['capturing', 1],
      ['done', 1],
    ]);
    expect(s.events.raw).toMatch(/^event: state\ndata: \{"state":"waiting","expiresAt":1,"attempts":0\}\n\n/);
    await expect.poll(() => s.finished.sent).toBe(5);
  });

  it('a terminal first state is the whole stream', async () => {
    const s = await stream(event('cancelled'), [() => event('cancelled')]);
    await s.events.ended;
    expect(s.events.events.map((e) => e.state)).toEqual(['cancelled']);
    expect(s.looks()).toBe(0);
  });

  it('ends when the handoff is gone from the store; rides out a store outage', async () => {
    const s = await stream(event('waiting'), [
      () => {
        throw new StoreUnavailableError();
      },
      () => event('connected'),
      () => null,
    ]);
    await s.events.ended;
    expect(s.events.events.map((e) => e.state)).toEqual(['waiting', 'connected']);
  });

  it('pings while quiet', async () => {
    const s = await stream(event('waiting'), [() => event('waiting')], { pollMs: 20, pingMs: 30 });
    await expect.poll(() => s.events.raw.split(': ping\n\n').length - 1).toBeGreaterThanOrEqual(2);
    s.events.close();
  });

  it('stops looking once the client goes', async () => {
    const s = await stream(event('waiting'), [() => event('waiting')]);
    await expect.poll(() => s.looks()).toBeGreaterThan(2);
    s.events.close();
    await expect.poll(() => s.finished.sent).toBe(1);
    const after = s.looks();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(s.looks()).toBe(after);
  });
});
