/**
 * A handoff end to end over HTTP: the desktop creates it, the phone claims it, reports, uploads;
 * the desktop hears each step by polling and by its event stream, and the answer at the end.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deferred } from '../testing/deferred.ts';
import { handoffClient, handoffServer, openEvents, switchableEngine, type HandoffServer } from '../testing/handoff.ts';
import { selfieJpeg } from '../testing/images.ts';

let jpeg: Buffer;
const { engine, control } = switchableEngine();
let server: HandoffServer;

beforeAll(async () => {
  jpeg = await selfieJpeg();
  server = await handoffServer({ engine });
});
afterEach(() => {
  control.answer = 'live';
  control.gate = null;
});
afterAll(async () => {
  await server.close();
});

describe('a handoff from start to answer', { timeout: 20_000 }, () => {
  it('create, claim by token, report, upload with the header: the desktop gets the answer the phone got', async () => {
    const client = handoffClient(server.url);
    const journeyId = await client.journey();
    const before = Date.now();
    const created = await client.create(journeyId);
    expect(created.status).toBe(201);
    const ticket = created.body;
    expect(ticket.handoff).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(ticket.token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(ticket.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(ticket.page).toBe(`${server.url}/phone`);
    expect(ticket.link).toBe(`${server.url}/phone#t=${ticket.token}`);
    expect(ticket.ttlMs).toBe(600_000);
    expect(ticket.expiresAt).toBeGreaterThanOrEqual(before + 600_000);
    expect(ticket.expiresAt).toBeLessThanOrEqual(Date.now() + 600_000);
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect(created.headers.get('x-request-id')).toBeTruthy();
    expect(Object.keys(ticket).sort()).toEqual(['code', 'expiresAt', 'handoff', 'link', 'page', 'token', 'ttlMs']);

    expect((await client.status(ticket.handoff)).body).toEqual({
      state: 'waiting',
      expiresAt: ticket.expiresAt,
      attempts: 0,
    });

    const claimed = await client.claim({ token: ticket.token });
    expect(claimed.status).toBe(200);
    expect(claimed.body).toEqual({ phone: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/), expiresAt: ticket.expiresAt });
    const { phone } = claimed.body;
    expect((await client.status(ticket.handoff)).body.state).toBe('connected');

    expect((await client.phone(phone)).body).toEqual({ state: 'connected' });
    expect((await client.phone(phone, 'capturing')).body).toEqual({ state: 'capturing' });
    // A heartbeat without a state keeps the last one reported.
    expect((await client.phone(phone)).body).toEqual({ state: 'capturing' });
    expect((await client.status(ticket.handoff)).body.state).toBe('capturing');

    const upload = await client.upload(phone, jpeg);
    expect(upload.status).toBe(200);
    expect(upload.body).toEqual({
      status: 'success',
      messageCode: 'api.success',
      probability: 0.8,
      quality: 0.7,
      score: Math.log(4),
    });
    await expect.poll(async () => (await client.status(ticket.handoff)).body.state).toBe('done');
    const done = await client.status(ticket.handoff);
    expect(done.body).toEqual({
      state: 'done',
      expiresAt: ticket.expiresAt,
      attempts: 0,
      answer: { status: 200, body: upload.body },
    });

    // Over: the phone is told so, and a late upload is refused before it reaches the engine.
    expect((await client.phone(phone, 'capturing')).body).toEqual({ state: 'done' });
    const calls = engine.calls;
    const late = await client.upload(phone, jpeg);
    expect(late).toMatchObject({ status: 410, body: { status: 'error', message: 'HANDOFF_CLOSED' } });
    expect(engine.calls).toBe(calls);
    expect((await client.claim({ code: ticket.code })).status).toBe(410);
  });

  it('a retake goes back to capturing and counts an attempt; the next, final answer is done', async () => {
    const client = handoffClient(server.url);
    const ticket = await client.start();
    const { phone } = (await client.claim({ token: ticket.token })).body;
    control.answer = 'face';
    const retake = await client.upload(phone, jpeg);
    expect(retake.text).toBe('{"status":"error","messageCode":null,"message":"EYES_CLOSED"}');
    await expect.poll(async () => (await client.status(ticket.handoff)).body.attempts).toBe(1);
    expect((await client.status(ticket.handoff)).body).toEqual({
      state: 'capturing',
      expiresAt: ticket.expiresAt,
      attempts: 1,
    });
    control.answer = 'low';
    await client.upload(phone, jpeg);
    await expect.poll(async () => (await client.status(ticket.handoff)).body.attempts).toBe(2);
    expect((await client.status(ticket.handoff)).body.state).toBe('capturing');
    control.answer = 'live';
    const final = await client.upload(phone, jpeg);
    await expect.poll(async () => (await client.status(ticket.handoff)).body.state).toBe('done');
    expect((await client.status(ticket.handoff)).body).toMatchObject({
      attempts: 2,
      answer: { status: 200, body: final.body },
    });
  });

  it('the event stream carries waiting, connected, capturing, checking, done, then ends', async () => {
    const client = handoffClient(server.url);
    const ticket = await client.start();
    const stream = await openEvents(server.url, ticket.handoff);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    expect(stream.headers.get('cache-control')).toBe('no-store');
    expect(stream.headers.get('x-accel-buffering')).toBe('no');
    const last = () => stream.events.at(-1)?.state;
    await expect.poll(last).toBe('waiting');
    const { phone } = (await client.claim({ token: ticket.token })).body;
    await expect.poll(last).toBe('connected');
    await client.phone(phone, 'capturing');
    await expect.poll(last).toBe('capturing');
    const held = deferred();
    control.gate = held.promise;
    const upload = client.upload(phone, jpeg);
    await expect.poll(last).toBe('checking');
    held.release();
    const answered = await upload;
    await stream.ended;
    expect(stream.events.map((e) => e.state)).toEqual(['waiting', 'connected', 'capturing', 'checking', 'done']);
    expect(stream.events.at(-1)).toEqual({
      state: 'done',
      expiresAt: ticket.expiresAt,
      attempts: 0,
      answer: { status: 200, body: answered.body },
    });
  });

  it('claim by the typed code: any case, without the dash, O for 0 and I or L for 1', async () => {
    const client = handoffClient(server.url);
    const ticket = await client.start();
    const typed = ticket.code.replace('-', '').toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l');
    const claimed = await client.claim({ code: ` ${typed} ` });
    expect(claimed.status).toBe(200);
    expect((await client.status(ticket.handoff)).body.state).toBe('connected');
  });

  it('no handoff answer, stream or page ever carries the journeyId', async () => {
    const client = handoffClient(server.url);
    const journeyId = await client.journey();
    const ticket = (await client.create(journeyId)).body;
    const stream = await openEvents(server.url, ticket.handoff);
    const claimed = await client.claim({ token: ticket.token });
    const texts = [JSON.stringify(ticket), JSON.stringify(claimed.body)];
    texts.push(JSON.stringify((await client.phone(claimed.body.phone, 'capturing')).body));
    texts.push((await client.upload(claimed.body.phone, jpeg)).text);
    await stream.ended;
    texts.push(stream.raw, JSON.stringify((await client.status(ticket.handoff)).body));
    texts.push(await (await fetch(ticket.page)).text());
    for (const text of texts) expect(text).not.toContain(journeyId);
    expect(stream.raw).toContain('"state":"done"');
  });
});
