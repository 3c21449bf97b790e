/** What the handoff routes refuse, and how: replays, second phones, unknown and closed handoffs, floods, bad bodies. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoffClient, handoffServer, openEvents, switchableEngine, type HandoffServer } from '../testing/handoff.ts';
import { selfieJpeg } from '../testing/images.ts';
import { CLAIM_PER_MINUTE, CREATE_PER_MINUTE } from './protocol.ts';
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
async function fresh(env: Record<string, string> = {}): Promise<string> {
  const own = await handoffServer({ engine, env });
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
    const claims = await Promise.all(Array.from({ length: 8 }, (_, i) => client.claim(i % 2 ? { code: ticket.code } : { token: ticket.token })));
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

  it("the phone's `left` (sendBeacon's text/plain) is final: phone_left for the desktop, and for the phone's later calls", async () => {
    const client = newClient();
    const ticket = await client.start();
    const { phone } = (await client.claim({ token: ticket.token })).body;
    await client.phone(phone, 'capturing');
    const beacon = await client.post('/handoff/phone', { phone, state: 'left' }, { 'Content-Type': 'text/plain;charset=UTF-8' });
    expect(beacon).toMatchObject({ status: 200, body: { state: 'phone_left' } });
    expect((await client.status(ticket.handoff)).body.state).toBe('phone_left');
    expect((await client.phone(phone, 'capturing')).body).toEqual({ state: 'phone_left' });
    expect((await client.status(ticket.handoff)).body.state).toBe('phone_left');
    expect(await client.upload(phone, jpeg)).toMatchObject({ status: 410, body: error('HANDOFF_CLOSED') });
  });
});

describe('floods', () => {
  it(`guessing: after ${CLAIM_PER_MINUTE} claims a client gets 429 + Retry-After, found or not`, async () => {
    const client = handoffClient(await fresh());
    const ticket = await client.start();
    for (let i = 0; i < CLAIM_PER_MINUTE; i++) expect((await client.claim({ code: `AAAA-${String(1000 + i).slice(-4)}` })).status).toBe(404);
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

describe('bad requests', () => {
  it.each<[string, string, string, number, unknown]>([
    ['create without a journeyId', '/handoff', '{}', 400, error('INVALID_JOURNEY_ID')],
    ['create with an implausible journeyId', '/handoff', '{"journeyId":"../x"}', 400, error('INVALID_JOURNEY_ID')],
    ['create with a body that is not JSON', '/handoff', 'journeyId=x', 400, error('INVALID_JOURNEY_ID')],
    ['claim with neither token nor code', '/handoff/claim', '{}', 400, error('MISSING_ARGUMENTS')],
    ['claim with a JSON array', '/handoff/claim', '["token"]', 400, error('MISSING_ARGUMENTS')],
    ['a heartbeat of an unknown state', '/handoff/phone', '{"phone":"x","state":"dancing"}', 400, error('MISSING_ARGUMENTS')],
    ['cancel without a key', '/handoff/cancel', '{"handoff":5}', 400, error('MISSING_ARGUMENTS')],
    ['a body past 1 KB', '/handoff/claim', JSON.stringify({ token: 'x'.repeat(2000) }), 413, error('PAYLOAD_TOO_LARGE')],
  ])('%s', async (_case, path, body, status, answer) => {
    const r = await fetch(`${server.url}/api/ekyc${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
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
    const r = await newClient().claim({ token: newToken() }, { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' });
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
