import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../http/log.ts';
import { StoreUnavailableError } from '../store/store.ts';
import { openEvents, testClock } from '../testing/handoff.ts';
import { serve, type Running } from '../testing/serve.ts';
import { streamEvents } from './events.ts';
import type { HandoffEvent, HandoffState } from './state.ts';
import { LINGER_MS } from './store.ts';

/** The stream on its own, on fast timers, fed by a script of reads. */

let running: Running | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

const event = (state: HandoffState, attempts = 0): HandoffEvent => ({ state, expiresAt: 1, attempts });

async function stream(
  first: HandoffEvent,
  reads: (() => HandoffEvent | null | Promise<HandoffEvent | null>)[],
  timing: { pollMs: number; pingMs: number; now?: () => number } = { pollMs: 20, pingMs: 10_000 },
) {
  let looks = 0;
  const finished: { sent: number | null } = { sent: null };
  running = await serve((req: IncomingMessage, res: ServerResponse) => {
    void streamEvents(req, res, first, {
      log: silentLogger,
      requestId: 'test',
      // Unless a test brings its clock: one at the epoch, so the events' expiresAt of 1 is ahead.
      now: () => 0,
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

  const down = () => {
    throw new StoreUnavailableError();
  };

  it('a store outage past the expiry plus the linger ends the stream', async () => {
    const clock = testClock();
    const first = { state: 'capturing' as const, expiresAt: clock.now() + 1_000, attempts: 0 };
    const s = await stream(first, [down], { pollMs: 20, pingMs: 10_000, now: clock.now });
    clock.advance(1_000 + LINGER_MS);
    const looks = s.looks();
    await expect.poll(() => s.looks()).toBeGreaterThan(looks + 2);
    // Up to the end of the linger the record may still be there: the stream rides the outage out.
    expect(s.finished.sent).toBeNull();
    clock.advance(1);
    await s.events.ended;
    expect(s.events.events.map((e) => e.state)).toEqual(['capturing']);
    await expect.poll(() => s.finished.sent).toBe(1);
  });

  it('a store that stalls past the expiry plus the linger cannot hold the stream open', async () => {
    const clock = testClock();
    const first = { state: 'connected' as const, expiresAt: clock.now(), attempts: 0 };
    const s = await stream(first, [() => new Promise<never>(() => undefined)], {
      pollMs: 20,
      pingMs: 10_000,
      now: clock.now,
    });
    await expect.poll(() => s.looks()).toBe(1);
    clock.advance(LINGER_MS + 1);
    await s.events.ended;
    await expect.poll(() => s.finished.sent).toBe(1);
  });

  it('a client gone before the stream started: it ends at once, and stops looking', async () => {
    let looks = 0;
    const finished: { sent: number | null } = { sent: null };
    const gone = new Promise<void>((resolve) => {
      void serve((req: IncomingMessage, res: ServerResponse) => {
        // As when the client leaves while the route reads the first event from the store.
        res.once('close', () => {
          void streamEvents(req, res, event('waiting'), {
            log: silentLogger,
            requestId: 'test',
            pollMs: 20,
            read: async () => {
              looks += 1;
              return event('waiting');
            },
          }).then((sent) => {
            finished.sent = sent;
            resolve();
          });
        });
      }).then(async (r) => {
        running = r;
        const controller = new AbortController();
        const request = fetch(r.url, { signal: controller.signal }).catch(() => undefined);
        await new Promise((wait) => setTimeout(wait, 50));
        controller.abort();
        await request;
      });
    });
    await gone;
    expect(finished.sent).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(looks).toBe(0);
  });
});
