/** The log lines of a whole handoff: one per request, each route named, no secret in any. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoffClient, handoffServer, openEvents, switchableEngine, type HandoffServer } from '../testing/handoff.ts';
import { selfieJpeg } from '../testing/images.ts';
import { sha256 } from './secrets.ts';

const logs: string[] = [];
const { engine } = switchableEngine();
let server: HandoffServer;
let jpeg: Buffer;

beforeAll(async () => {
  jpeg = await selfieJpeg();
  server = await handoffServer({ engine, logs });
});
afterAll(async () => {
  await server.close();
});

describe('log lines of a handoff', { timeout: 20_000 }, () => {
  it('name the route and a six-character tag, never a token, code, phone key, watch key or journeyId', async () => {
    const client = handoffClient(server.url);
    const journeyId = await client.journey();
    const ticket = (await client.create(journeyId)).body;
    const stream = await openEvents(server.url, ticket.handoff);
    const { phone } = (await client.claim({ token: ticket.token })).body;
    await client.claim({ code: ticket.code });
    await client.phone(phone, 'capturing');
    await client.status(ticket.handoff);
    await client.upload(phone, jpeg);
    await stream.ended;
    await client.cancel(ticket.handoff);
    await fetch(`${server.url}/phone`);

    const routes = [
      '/handoff',
      '/handoff/claim',
      '/handoff/phone',
      '/handoff/status',
      '/handoff/events',
      '/handoff/cancel',
      '/okaylive',
      'page',
    ];
    await expect.poll(() => routes.every((route) => logs.some((l) => l.includes(`"route":"${route}"`)))).toBe(true);
    const lines = logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.event === 'api');
    const tag = sha256(ticket.handoff).slice(0, 6);
    for (const line of lines.filter((l) => l.route !== '/journeyid' && l.route !== 'page'))
      expect(line.handoff, String(line.route)).toBe(tag);
    expect(lines.find((l) => l.route === '/handoff/claim' && l.status === 409)).toMatchObject({
      outcome: 'HANDOFF_TAKEN',
    });
    expect(lines.find((l) => l.route === '/handoff/events')).toMatchObject({ status: 200, outcome: 'done' });

    const secrets = [ticket.token, ticket.code, ticket.code.replace('-', ''), ticket.handoff, phone, journeyId];
    for (const line of logs) for (const secret of secrets) expect(line).not.toContain(secret);
  });
});
