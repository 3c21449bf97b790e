/** Expiry and a phone's silence, on a clock the test moves (the server and its memory store share it). */
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
import { PHONE_GRACE_MS } from './state.ts';

const clock = testClock();
const { engine } = switchableEngine();
let server: HandoffServer;
let jpeg: Buffer;

beforeAll(async () => {
  jpeg = await selfieJpeg();
  server = await handoffServer({
    engine,
    now: clock.now,
    env: { OKAYLIVE_HANDOFF_TTL_S: '60', OKAYLIVE_TRUST_PROXY: '1' },
  });
});
afterAll(async () => {
  await server.close();
});

let clients = 0;
const newClient = () => handoffClient(server.url, { 'X-Forwarded-For': `198.51.100.${++clients}` });

describe('a handoff expires', { timeout: 20_000 }, () => {
  it('unclaimed past its TTL: the token and the code are unknown, the status says expired, the stream ends on it', async () => {
    const client = newClient();
    const ticket = await client.start();
    expect(ticket.ttlMs).toBe(60_000);
    expect(ticket.expiresAt).toBe(clock.now() + 60_000);
    const stream = await openEvents(server.url, ticket.handoff);
    await expect.poll(() => stream.events.length).toBe(1);
    clock.advance(60_000);
    expect((await client.claim({ token: ticket.token })).status).toBe(404);
    expect((await client.claim({ code: ticket.code })).status).toBe(404);
    expect((await client.status(ticket.handoff)).body).toEqual({
      state: 'expired',
      expiresAt: ticket.expiresAt,
      attempts: 0,
    });
    await stream.ended;
    expect(stream.events.map((e) => e.state)).toEqual(['waiting', 'expired']);
  });

  it('claimed but not done by then: expired, and the phone can no longer upload', async () => {
    const client = newClient();
    const ticket = await client.start();
    const { phone } = (await client.claim({ token: ticket.token })).body;
    clock.advance(59_999);
    expect((await client.phone(phone, 'capturing')).body).toEqual({ state: 'capturing' });
    clock.advance(1);
    expect((await client.phone(phone, 'capturing')).body).toEqual({ state: 'expired' });
    expect((await client.status(ticket.handoff)).body.state).toBe('expired');
    expect((await client.upload(phone, jpeg)).status).toBe(410);
  });

  it('done in time stays done after the expiry', async () => {
    const client = newClient();
    const ticket = await client.start();
    const { phone } = (await client.claim({ token: ticket.token })).body;
    await client.upload(phone, jpeg);
    await expect.poll(async () => (await client.status(ticket.handoff)).body.state).toBe('done');
    clock.advance(120_000);
    expect((await client.status(ticket.handoff)).body.state).toBe('done');
  });
});

describe("a phone's silence", { timeout: 20_000 }, () => {
  it(`a heartbeat older than ${PHONE_GRACE_MS / 1000} s is phone_left; a heartbeat again brings it back`, async () => {
    const client = newClient();
    const ticket = await client.start();
    const { phone } = (await client.claim({ token: ticket.token })).body;
    await client.phone(phone, 'capturing');
    clock.advance(PHONE_GRACE_MS);
    expect((await client.status(ticket.handoff)).body.state).toBe('capturing');
    clock.advance(1);
    expect((await client.status(ticket.handoff)).body.state).toBe('phone_left');
    // Silence is not a goodbye: the phone was only out of reach.
    expect((await client.phone(phone)).body).toEqual({ state: 'capturing' });
    expect((await client.status(ticket.handoff)).body.state).toBe('capturing');
  });

  it('a phone that never reported after its claim is gone after the grace too', async () => {
    const client = newClient();
    const ticket = await client.start();
    await client.claim({ token: ticket.token });
    clock.advance(PHONE_GRACE_MS + 1);
    expect((await client.status(ticket.handoff)).body.state).toBe('phone_left');
  });
});
