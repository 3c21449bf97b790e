/** What the handoff routes refuse, and how: replays, second phones, unknown and closed handoffs, floods, bad bodies. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  handoffClient,
  handoffServer,
  openEvents,
  switchableEngine,
  testClock,
  type HandoffServer,
} from '../testing/handoff.ts';
import { selfieJpeg } from '../testing/images.ts';
import { CLAIM_PER_MINUTE, CREATE_PER_MINUTE, EVENT_STREAMS_PER_CLIENT } from './protocol.ts';
import { newKey, newToken } from './secrets.ts';

let jpeg: Buffer;
const { engine } = switchableEngine();
let server: HandoffServer;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  jpeg = await selfieJpeg();
  server = await handoffServer({ engine, env: { OKAYLIVE_TRUST_PROXY: '1' } });
});
afterAll(async () => {
  await server.close();
  for (const close of closers) await close();
});

/** A server of its own: rate-limit buckets start full. */
async function fresh(env: Record<string, string> = {}, now?: () => number): Promise<string> {
  const own = await handoffServer({ engine, env, ...(now ? { now } : {}) });
  closers.push(own.close);
  return own.url;
}

/** A client of its own address, so the cases do not share rate-limit buckets. */
let clients = 0;
const newClient = () => handoffClient(server.url, { 'X-Forwarded-For': `192.0.2.${++clients}` });

const error = (message: string) => ({ status: 'error', messageCode: null, message });

describe('one phone per handoff', () => {
  it('the token is single use: a replay is 409 HANDOFF_TAKEN, and so is a second phone by the code', async () => {
    const client = newClient();
    const ticket = await client.start();
    expect((await client.claim({ token: ticket.token })).status).toBe(200);
    const replay = await client.claim({ token: ticket.token });
    expect(replay).toMatchObject({ status: 409, body: error('HANDOFF_TAKEN') });
    expect(await client.claim({ code: ticket.code })).toMatchObject({ status: 409, body: error('HANDOFF_TAKEN') });
  });

  it('phones racing for one handoff: exactly one wins', async () => {
    const client = newClient();
    const ticket = await client.start();
    const claims = await Promise.all(
      Array.from({ length: 8 }, (_, i) => client.claim(i % 2 ? { code: ticket.code } : { token: ticket.token })),
    );
    expect(claims.filter((c) => c.status === 200)).toHaveLength(1);
    expect(claims.filter((c) => c.status === 409)).toHaveLength(7);
  });
});

describe('unknown secrets', () => {
  it.each<[string, (c: ReturnType<typeof handoffClient>) => Promise<{ status: number; body: unknown }>]>([
    ['claim by an unknown token', (c) => c.claim({ token: newToken() })],
    ['claim by an unknown code', (c) => c.claim({ code: 'ZZZZ-ZZZZ' })],
    ['claim by a code that cannot be one', (c) => c.claim({ code: 'not a code' })],
    ['a heartbeat with an unknown phone key', (c) => c.phone(newKey(), 'capturing')],
    ['status of an unknown handoff', (c) => c.status(newKey())],
    ['cancel of an unknown handoff', (c) => c.cancel(newKey())],
    ['an upload with an unknown phone key', (c) => c.upload(newKey(), jpeg)],
  ])('%s: 404 HANDOFF_NOT_FOUND', async (_case, call) => {
    expect(await call(newClient())).toMatchObject({ status: 404, body: error('HANDOFF_NOT_FOUND') });
  });

  it('the event stream of an unknown handoff is a 404 in JSON, not a stream', async () => {
    const stream = await openEvents(server.url, newKey());
    expect(stream.status).toBe(404);
    expect(stream.headers.get('content-type')).toMatch(/^application\/json/);
    expect(JSON.parse(stream.raw)).toEqual(error('HANDOFF_NOT_FOUND'));
  });
});

describe('closed handoffs', () => {
  it('after the desktop cancels: heartbeat says cancelled, upload 410, claim 410, status cancelled', async () => {
    const client = newClient();
    const ticket = await client.start();
    const { phone } = (await client.claim({ token: ticket.token })).body;
    const cancelled = await client.cancel(ticket.handoff);
    expect(cancelled.status).toBe(204);
    expect((await client.phone(phone, 'capturing')).body).toEqual({ state: 'cancelled' });
    const calls = engine.calls;
    expect(await client.upload(phone, jpeg)).toMatchObject({ status: 410, body: error('HANDOFF_CLOSED') });
    expect(engine.calls).toBe(calls);
    expect(await client.claim({ code: ticket.code })).toMatchObject({ status: 410, body: error('HANDOFF_CLOSED') });
    expect((await client.status(ticket.handoff)).body).toMatchObject({ state: 'cancelled' });
    // Cancelling twice changes nothing.
    expect((await client.cancel(ticket.handoff)).status).toBe(204);
  });

  it('cancelled before any phone came: the token is closed too', async () => {
    const client = newClient();
    const ticket = await client.start();
    await client.cancel(ticket.handoff);
    expect(await client.claim({ token: ticket.token })).toMatchObject({ status: 410, body: error('HANDOFF_CLOSED') });
  });
});

describe("a phone's `left` (pagehide's beacon, which a reload fires too)", () => {
  // The server and its store on a clock of the test's: a reload's first report comes after the left.
  const clock = testClock();
  let own: ReturnType<typeof handoffClient>;
  beforeAll(async () => {
    own = handoffClient(await fresh({}, clock.now));
  });
  const beaconLeft = (phone: string) =>
    own.post('/handoff/phone', { phone, state: 'left' }, { 'Content-Type': 'text/plain;charset=UTF-8' });

  it('with nothing after it: phone_left for the desktop, and the upload is 410 HANDOFF_CLOSED', async () => {
    const ticket = await own.start();
    const { phone } = (await own.claim({ token: ticket.token })).body;
    clock.advance(100);
    await own.phone(phone, 'capturing');
    clock.advance(100);
    expect(await beaconLeft(phone)).toMatchObject({ status: 200, body: { state: 'phone_left' } });
    clock.advance(1_000);
    expect((await own.status(ticket.handoff)).body.state).toBe('phone_left');
    const calls = engine.calls;
    expect(await own.upload(phone, jpeg)).toMatchObject({ status: 410, body: error('HANDOFF_CLOSED') });
    expect(engine.calls).toBe(calls);
    expect((await own.status(ticket.handoff)).body.state).toBe('phone_left');
  });

  it('a reload: left, then a heartbeat from the same phone is connected again, and it may upload', async () => {
    const ticket = await own.start();
    const { phone } = (await own.claim({ token: ticket.token })).body;
    clock.advance(100);
    expect((await beaconLeft(phone)).body).toEqual({ state: 'phone_left' });
    clock.advance(800);
    expect((await own.phone(phone)).body).toEqual({ state: 'connected' });
    expect((await own.status(ticket.handoff)).body.state).toBe('connected');
    const upload = await own.upload(phone, jpeg);
    expect(upload.status).toBe(200);
    expect((await own.status(ticket.handoff)).body).toMatchObject({
      state: 'done',
      answer: { status: 200, body: upload.body },
    });
  });

  it('a reload mid-capture: its progress report brings it back as capturing; a second left holds again', async () => {
    const ticket = await own.start();
    const { phone } = (await own.claim({ token: ticket.token })).body;
    clock.advance(100);
    await own.phone(phone, 'capturing');
    clock.advance(100);
    await beaconLeft(phone);
    clock.advance(100);
    expect((await own.phone(phone, 'capturing')).body).toEqual({ state: 'capturing' });
    expect((await own.status(ticket.handoff)).body.state).toBe('capturing');
    clock.advance(100);
    expect((await beaconLeft(phone)).body).toEqual({ state: 'phone_left' });
    expect((await own.upload(phone, jpeg)).status).toBe(410);
  });
});

describe('floods', () => {
  it(`guessing: after ${CLAIM_PER_MINUTE} claims a client gets 429 + Retry-After, found or not`, async () => {
    const client = handoffClient(await fresh());
    const ticket = await client.start();
    for (let i = 0; i < CLAIM_PER_MINUTE; i++)
      expect((await client.claim({ code: `AAAA-${String(1000 + i).slice(-4)}` })).status).toBe(404);
    const limited = await client.claim({ token: ticket.token });
    expect(limited).toMatchObject({ status: 429, body: error('RATE_LIMITED') });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it(`creation: ${CREATE_PER_MINUTE} a minute per client, then 429 + Retry-After`, async () => {
    const client = handoffClient(await fresh());
    const journeyId = await client.journey();
    const statuses: number[] = [];
    for (let i = 0; i <= CREATE_PER_MINUTE; i++) statuses.push((await client.create(journeyId)).status);
    expect(statuses).toEqual([...Array<number>(CREATE_PER_MINUTE).fill(201), 429]);
    const limited = await client.create(journeyId);
    expect(limited.body).toEqual(error('RATE_LIMITED'));
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});

describe('event streams per client', () => {
  /** An event stream from one address; `ended` settles when the server ends it or the test closes it. */
  async function stream(url: string, handoff: string, address: string) {
    const controller = new AbortController();
    const r = await fetch(`${url}/api/ekyc/handoff/events?handoff=${encodeURIComponent(handoff)}`, {
      headers: { 'X-Forwarded-For': address },
      signal: controller.signal,
    });
    const body = r.text().catch(() => '');
    return { status: r.status, headers: r.headers, body, close: () => controller.abort() };
  }

  it(`${EVENT_STREAMS_PER_CLIENT} open at once; one more is 429 + Retry-After: 5 until one ends`, async () => {
    const url = await fresh({ OKAYLIVE_TRUST_PROXY: '1' });
    const me = '192.0.2.250';
    const client = handoffClient(url, { 'X-Forwarded-For': me });
    const [a, b] = [await client.start(), await client.start()];
    const open = [];
    for (const ticket of [a, a, b, b]) open.push(await stream(url, ticket.handoff, me));
    expect(open.map((s) => s.status)).toEqual([200, 200, 200, 200]);

    const fifth = await stream(url, a.handoff, me);
    expect(fifth.status).toBe(429);
    expect(fifth.headers.get('retry-after')).toBe('5');
    expect(fifth.headers.get('content-type')).toMatch(/^application\/json/);
    expect(JSON.parse(await fifth.body)).toEqual(error('RATE_LIMITED'));
    // Another client is not held by this one's share.
    const other = await stream(url, a.handoff, '192.0.2.251');
    expect(other.status).toBe(200);
    other.close();

    // A stream its client closed frees its slot (once the server saw it go).
    open[0]?.close();
    let again: Awaited<ReturnType<typeof stream>> | undefined;
    await expect
      .poll(async () => {
        again = await stream(url, a.handoff, me);
        return again.status;
      })
      .toBe(200);
    expect((await stream(url, a.handoff, me)).status).toBe(429);

    // Streams the server ended (their handoff cancelled) free theirs.
    expect((await client.cancel(b.handoff)).status).toBe(204);
    await Promise.all([open[2]?.body, open[3]?.body]);
    const more = [await stream(url, a.handoff, me), await stream(url, a.handoff, me)];
    expect(more.map((s) => s.status)).toEqual([200, 200]);
    expect((await stream(url, a.handoff, me)).status).toBe(429);
    for (const s of [...open, ...more]) s.close();
    again?.close();
  });

  it('a refused stream (unknown handoff) holds no slot', async () => {
    const url = await fresh({ OKAYLIVE_TRUST_PROXY: '1' });
    const statuses: number[] = [];
    for (let i = 0; i <= EVENT_STREAMS_PER_CLIENT * 2; i++)
      statuses.push((await stream(url, newKey(), '192.0.2.252')).status);
    expect(statuses).toEqual(Array<number>(EVENT_STREAMS_PER_CLIENT * 2 + 1).fill(404));
  });
});

describe('bad requests', () => {
  it.each<[string, string, string, number, unknown]>([
    ['create without a journeyId', '/handoff', '{}', 400, error('INVALID_JOURNEY_ID')],
    ['create with an implausible journeyId', '/handoff', '{"journeyId":"../x"}', 400, error('INVALID_JOURNEY_ID')],
    ['create with a body that is not JSON', '/handoff', 'journeyId=x', 400, error('INVALID_JOURNEY_ID')],
    ['claim with neither token nor code', '/handoff/claim', '{}', 400, error('MISSING_ARGUMENTS')],
    ['claim with a JSON array', '/handoff/claim', '["token"]', 400, error('MISSING_ARGUMENTS')],
    [
      'a heartbeat of an unknown state',
      '/handoff/phone',
      '{"phone":"x","state":"dancing"}',
      400,
      error('MISSING_ARGUMENTS'),
    ],
    ['cancel without a key', '/handoff/cancel', '{"handoff":5}', 400, error('MISSING_ARGUMENTS')],
    [
      'a body past 1 KB',
      '/handoff/claim',
      JSON.stringify({ token: 'x'.repeat(2000) }),
      413,
      error('PAYLOAD_TOO_LARGE'),
    ],
  ])('%s', async (_case, path, body, status, answer) => {
    const r = await fetch(`${server.url}/api/ekyc${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
    });
    expect(r.status).toBe(status);
    expect(await r.json()).toEqual(answer);
  });

  it('wrong methods are 405 with Allow; status without a key is 400', async () => {
    const get = await fetch(`${server.url}/api/ekyc/handoff/claim`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const post = await fetch(`${server.url}/api/ekyc/handoff/status`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect((await fetch(`${server.url}/api/ekyc/handoff/status`)).status).toBe(400);
  });

  it('another site cannot claim: 403 before anything is counted', async () => {
    const r = await newClient().claim(
      { token: newToken() },
      { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
    );
    expect(r).toMatchObject({ status: 403, body: error('ORIGIN_NOT_ALLOWED') });
  });
});

describe('switched off (OKAYLIVE_HANDOFF=off)', () => {
  it('the routes do not exist, the page is not served, a phone upload is refused', async () => {
    const url = await fresh({ OKAYLIVE_HANDOFF: 'off' });
    const client = handoffClient(url);
    expect(await client.create(await client.journey())).toMatchObject({ status: 404, body: error('NOT_FOUND') });
    expect(await client.claim({ token: newToken() })).toMatchObject({ status: 404, body: error('NOT_FOUND') });
    expect((await client.status(newKey())).status).toBe(404);
    expect((await fetch(`${url}/phone`)).status).toBe(404);
    expect(await client.upload(newKey(), jpeg)).toMatchObject({ status: 404, body: error('HANDOFF_NOT_FOUND') });
  });
});
