/**
 * A handoff across two instances on one Redis (a real redis-server of the test's own), as behind
 * a load balancer: the desktop on one, the phone on the other, each request wherever it lands.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoffClient, openEvents, switchableEngine } from '../testing/handoff.ts';
import { selfieJpeg } from '../testing/images.ts';
import { serverInstances } from '../testing/instances.ts';
import { startRedis, type TestRedis } from '../testing/redis.ts';
import { CLAIM_PER_MINUTE } from './protocol.ts';

let redis: TestRedis;
let jpeg: Buffer;
let a: string;
let b: string;
const instances = serverInstances();
const engines = [switchableEngine(), switchableEngine()];

beforeAll(async () => {
  redis = await startRedis();
  jpeg = await selfieJpeg();
  const env = { OKAYLIVE_REDIS_URL: redis.url, OKAYLIVE_LOG: 'off', OKAYLIVE_TRUST_PROXY: '1' };
  a = await instances.start(env, { engine: engines[0]?.engine });
  b = await instances.start(env, { engine: engines[1]?.engine });
}, 60_000);
afterAll(async () => {
  await instances.closeAll();
  await redis?.dispose();
});

describe('a handoff on two instances, one Redis', { timeout: 30_000 }, () => {
  it('created on A, claimed and uploaded on B: status and events on A show it done', async () => {
    const desktop = handoffClient(a, { 'X-Forwarded-For': '203.0.113.1' });
    const phoneSide = handoffClient(b, { 'X-Forwarded-For': '203.0.113.2' });
    const ticket = await desktop.start();
    const stream = await openEvents(a, ticket.handoff);
    await expect.poll(() => stream.events.length).toBe(1);
    const claimed = await phoneSide.claim({ token: ticket.token });
    expect(claimed.status).toBe(200);
    // The bind holds across instances: the same token on A is a replay.
    expect((await desktop.claim({ token: ticket.token })).status).toBe(409);
    const last = () => stream.events.at(-1)?.state;
    await expect.poll(last).toBe('connected');
    const { phone } = claimed.body;
    expect((await phoneSide.phone(phone, 'capturing')).body).toEqual({ state: 'capturing' });
    expect((await desktop.status(ticket.handoff)).body.state).toBe('capturing');
    await expect.poll(last).toBe('capturing');
    const before = engines[1]?.engine.calls ?? 0;
    const upload = await phoneSide.upload(phone, jpeg);
    expect(upload.status).toBe(200);
    expect(engines[1]?.engine.calls).toBe(before + 1);
    await stream.ended;
    // `checking` shows only if a look lands during the (quick) upload.
    expect(stream.events.map((e) => e.state).filter((state) => state !== 'checking')).toEqual([
      'waiting',
      'connected',
      'capturing',
      'done',
    ]);
    expect(stream.events.at(-1)).toEqual({
      state: 'done',
      expiresAt: ticket.expiresAt,
      attempts: 0,
      answer: { status: 200, body: upload.body },
    });
    expect((await desktop.status(ticket.handoff)).body).toMatchObject({
      state: 'done',
      answer: { status: 200, body: upload.body },
    });
  });

  it('a cancel on B closes the handoff for a phone on A', async () => {
    const desktop = handoffClient(b, { 'X-Forwarded-For': '203.0.113.3' });
    const phoneSide = handoffClient(a, { 'X-Forwarded-For': '203.0.113.4' });
    const ticket = await desktop.start();
    const { phone } = (await phoneSide.claim({ code: ticket.code })).body;
    expect((await desktop.cancel(ticket.handoff)).status).toBe(204);
    expect((await phoneSide.phone(phone)).body).toEqual({ state: 'cancelled' });
    expect((await phoneSide.upload(phone, jpeg)).status).toBe(410);
  });

  it('the claim limit is one bucket per client across both instances', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= CLAIM_PER_MINUTE; i++) {
      statuses.push(
        (await handoffClient(i % 2 ? a : b, { 'X-Forwarded-For': '203.0.113.5' }).claim({ code: 'ZZZZ-ZZZZ' })).status,
      );
    }
    expect(statuses).toEqual([...Array<number>(CLAIM_PER_MINUTE).fill(404), 429]);
  });

  // Last: it stops the shared Redis.
  it('with Redis down: the routes answer 503 + Retry-After, a phone upload too, before its body is read', async () => {
    const desktop = handoffClient(a, { 'X-Forwarded-For': '203.0.113.6' });
    const ticket = await desktop.start();
    const { phone } = (await desktop.claim({ token: ticket.token })).body;
    await redis.stop();
    for (const reply of [
      await desktop.status(ticket.handoff),
      await desktop.claim({ code: ticket.code }),
      await desktop.upload(phone, jpeg),
    ]) {
      expect(reply).toMatchObject({ status: 503, body: { status: 'error', message: 'SERVICE_UNAVAILABLE' } });
      expect(reply.headers.get('retry-after')).toBe('2');
    }
  });
});
