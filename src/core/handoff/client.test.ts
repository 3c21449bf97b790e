import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHandoffClient } from './client.ts';
import { HandoffError, type HandoffEvent } from './types.ts';

const BASE = 'http://host.test/api/ekyc';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** An EventSource the test drives: it records what was opened and delivers what the test sends. */
class FakeSource extends EventTarget {
  static opened: FakeSource[] = [];
  onerror: (() => void) | null = null;
  closed = false;
  constructor(
    readonly url: string,
    readonly init: { withCredentials: boolean },
  ) {
    super();
    FakeSource.opened.push(this);
  }
  send(event: HandoffEvent) {
    this.dispatchEvent(Object.assign(new Event('state'), { data: JSON.stringify(event) }));
  }
  close() {
    this.closed = true;
  }
}

const event = (state: HandoffEvent['state']): HandoffEvent => ({ state, expiresAt: 1, attempts: 0 });

describe('the handoff client', () => {
  it.each([
    [404, 'HANDOFF_NOT_FOUND', 'HANDOFF_NOT_FOUND'],
    [409, 'HANDOFF_TAKEN', 'HANDOFF_TAKEN'],
    [410, 'HANDOFF_CLOSED', 'HANDOFF_CLOSED'],
    [429, 'RATE_LIMITED', 'RATE_LIMITED'],
    [429, 'SOMETHING_ELSE', 'RATE_LIMITED'],
    [404, 'NOT_FOUND', 'HANDOFF_UNAVAILABLE'],
    [502, 'Bad gateway', 'HANDOFF_UNAVAILABLE'],
  ])('maps a claim answered %i %s to %s', async (status, message, code) => {
    server.use(
      http.post(`${BASE}/handoff/claim`, () =>
        HttpResponse.json({ status: 'error', message }, { status, headers: { 'Retry-After': '7' } }),
      ),
    );
    const error = await createHandoffClient({ apiBaseUrl: BASE })
      .claim({ token: 't' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HandoffError);
    expect(error).toEqual(expect.objectContaining({ code, retryAfterMs: 7000 }));
  });

  it('a network failure reads as unavailable, and offline is told before asking', async () => {
    server.use(http.post(`${BASE}/handoff`, () => HttpResponse.error()));
    await expect(createHandoffClient({ apiBaseUrl: BASE }).create('j')).rejects.toEqual(
      expect.objectContaining({ code: 'HANDOFF_UNAVAILABLE' }),
    );
    await expect(createHandoffClient({ apiBaseUrl: BASE, isOnline: () => false }).create('j')).rejects.toEqual(
      expect.objectContaining({ code: 'OFFLINE' }),
    );
  });

  it('refuses a creation answer that lacks its fields', async () => {
    server.use(http.post(`${BASE}/handoff`, () => HttpResponse.json({ handoff: 'w', link: 'l' }, { status: 201 })));
    await expect(createHandoffClient({ apiBaseUrl: BASE }).create('j')).rejects.toEqual(
      expect.objectContaining({ code: 'HANDOFF_UNAVAILABLE' }),
    );
  });

  it('streams progress with Server-Sent Events, and falls back to polling when the stream fails', async () => {
    FakeSource.opened = [];
    let polls = 0;
    server.use(
      http.get(`${BASE}/handoff/status`, () => {
        polls += 1;
        return HttpResponse.json(event('checking'));
      }),
    );
    const client = createHandoffClient({
      apiBaseUrl: BASE,
      credentials: 'include',
      eventSource: FakeSource as unknown as typeof EventSource,
      pollMs: 10,
    });
    const seen: string[] = [];
    const stop = client.watch(
      'w k',
      (e) => seen.push(e.state),
      () => undefined,
    );
    const source = FakeSource.opened[0];
    expect(source?.url).toBe(`${BASE}/handoff/events?handoff=w%20k`);
    expect(source?.init.withCredentials).toBe(true);
    source?.send(event('connected'));
    expect(seen).toEqual(['connected']);
    expect(polls).toBe(0);
    source?.onerror?.();
    expect(source?.closed).toBe(true);
    await vi.waitFor(() => expect(seen.at(-1)).toBe('checking'), { timeout: 2000, interval: 5 });
    stop();
    const after = polls;
    await new Promise((r) => setTimeout(r, 50));
    expect(polls).toBe(after);
  });

  it('polls when the host sends its own headers, which a stream cannot carry', async () => {
    FakeSource.opened = [];
    const headers: Array<string | null> = [];
    server.use(
      http.get(`${BASE}/handoff/status`, ({ request }) => {
        headers.push(request.headers.get('X-Csrf'));
        return HttpResponse.json(event('waiting'));
      }),
    );
    const client = createHandoffClient({
      apiBaseUrl: BASE,
      headers: { 'X-Csrf': 'c' },
      eventSource: FakeSource as unknown as typeof EventSource,
      pollMs: 10,
    });
    const stop = client.watch(
      'w',
      () => undefined,
      () => undefined,
    );
    await vi.waitFor(() => expect(headers.length).toBeGreaterThan(1), { timeout: 2000, interval: 5 });
    stop();
    expect(FakeSource.opened).toEqual([]);
    expect(headers[0]).toBe('c');
  });

  it('ends the watch when the handoff is gone from the server', async () => {
    server.use(
      http.get(`${BASE}/handoff/status`, () =>
        HttpResponse.json({ status: 'error', message: 'HANDOFF_NOT_FOUND' }, { status: 404 }),
      ),
    );
    const onError = vi.fn();
    const stop = createHandoffClient({ apiBaseUrl: BASE, pollMs: 10 }).watch('w', () => undefined, onError);
    await vi.waitFor(
      () => expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'HANDOFF_NOT_FOUND' })),
      { timeout: 2000, interval: 5 },
    );
    stop();
  });

  it('says the phone left with a beacon the page can send while it goes away', () => {
    const sent: Array<{ url: string; type: string }> = [];
    const client = createHandoffClient({
      apiBaseUrl: BASE,
      sendBeacon: (url, data) => sent.push({ url, type: data.type }) > 0,
    });
    client.leave('p');
    expect(sent).toEqual([{ url: `${BASE}/handoff/phone`, type: 'text/plain;charset=utf-8' }]);
  });
});
