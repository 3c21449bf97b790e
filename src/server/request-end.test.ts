/**
 * The one log line per API request says what really happened to a request that got no answer:
 * cut by Node's request timeout (408) or abandoned by the client (499, as nginx writes it).
 */
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from './config/config.ts';
import { createEkycMiddleware, type EkycApi } from './handler.ts';
import { jsonLogger } from './http/log.ts';
import { selfieJpeg } from './testing/images.ts';
import { multipartBody } from './testing/raw.ts';
import { stubEngine } from './testing/stub-engine.ts';

let api: EkycApi;
let server: Server;
let port: number;
const lines: Record<string, unknown>[] = [];

beforeAll(async () => {
  api = createEkycMiddleware(readConfig({ OKAYLIVE_JOURNEY_RATE_PER_MINUTE: '1000' }), {
    engine: stubEngine(),
    logger: jsonLogger((line) => lines.push(JSON.parse(line) as Record<string, unknown>)),
  });
  // A short request timeout, checked often: the production server's is 60 s, checked every 30 s.
  server = createServer({ requestTimeout: 400, connectionsCheckingInterval: 50 }, (req, res) =>
    api(req, res, () => res.writeHead(404).end()),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await api.close();
});

const BOUNDARY = 'okl-log-boundary';

/** Headers and the first part of an upload whose declared length is never reached. */
async function partialUpload(): Promise<Buffer> {
  const body = multipartBody(BOUNDARY, [
    { name: 'journeyId', data: 'j-1' },
    { name: 'imageBest', filename: 'selfie.jpg', type: 'image/jpeg', data: await selfieJpeg() },
  ]);
  const head = [
    'POST /api/ekyc/okaylive HTTP/1.1',
    `Host: 127.0.0.1:${port}`,
    `Content-Type: multipart/form-data; boundary=${BOUNDARY}`,
    `Content-Length: ${body.length}`,
    'X-Request-Id: log-test-' + Math.random().toString(36).slice(2, 10),
    '',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(head), body.subarray(0, 2000)]);
}

function requestIdOf(raw: Buffer): string {
  return /X-Request-Id: (\S+)/.exec(raw.toString('latin1'))?.[1] ?? '';
}

/** Sends bytes on a raw connection; resolves with what came back when the server closes it. */
function sendRaw(bytes: Buffer, options: { abortAfterMs?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    const limit = setTimeout(() => {
      socket.destroy();
      reject(new Error('the server neither answered nor closed within 10 s'));
    }, 10_000);
    socket.on('data', (c: Buffer) => received.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(limit);
      resolve(Buffer.concat(received).toString('latin1'));
    });
    socket.write(bytes);
    if (options.abortAfterMs !== undefined) setTimeout(() => socket.destroy(), options.abortAfterMs);
  });
}

const lineFor = (requestId: string) => lines.find((l) => l.event === 'api' && l.requestId === requestId);

describe('the log line of an unanswered request', { timeout: 20_000 }, () => {
  it('a request Node cut with its request timeout is logged as the 408 the client got', async () => {
    const raw = await partialUpload();
    const reply = await sendRaw(raw);
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
    await expect.poll(() => lineFor(requestIdOf(raw)), { timeout: 5_000 }).toBeDefined();
    expect(lineFor(requestIdOf(raw))).toMatchObject({
      route: '/okaylive',
      status: 408,
      completed: false,
      outcome: 'REQUEST_TIMEOUT',
    });
  });

  it('a request the client abandoned is logged as 499, not as an answer it never got', async () => {
    const raw = await partialUpload();
    const reply = await sendRaw(raw, { abortAfterMs: 100 });
    expect(reply).toBe('');
    await expect.poll(() => lineFor(requestIdOf(raw)), { timeout: 5_000 }).toBeDefined();
    expect(lineFor(requestIdOf(raw))).toMatchObject({
      route: '/okaylive',
      status: 499,
      completed: false,
      outcome: 'CLIENT_CLOSED_REQUEST',
    });
  });

  it('an answered request keeps its own status', async () => {
    const id = 'log-test-answered';
    const r = await fetch(`http://127.0.0.1:${port}/api/ekyc/journeyid`, {
      method: 'POST',
      headers: { 'X-Request-Id': id },
    });
    await r.text();
    await expect.poll(() => lineFor(id), { timeout: 5_000 }).toBeDefined();
    expect(lineFor(id)).toMatchObject({ route: '/journeyid', status: 200, completed: true, outcome: 'success' });
  });
});
