/**
 * The header and request deadlines fire at the configured times (within a second), not up to
 * Node's 30 s checking interval later: real sockets against small limits.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from './http-server.ts';

const HEADERS_MS = 1_000;
const REQUEST_MS = 2_000;
let server: Server;
let port: number;

beforeAll(async () => {
  server = createHttpServer(
    (req, res) => {
      // Reads the body to its end, however slowly it comes, then answers.
      req.resume();
      req.on('end', () => res.end('ok'));
    },
    { headersTimeoutMs: HEADERS_MS, requestTimeoutMs: REQUEST_MS, keepAliveTimeoutMs: 5_000, maxConnections: 100 },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Sends `head` at once, then one byte of `trickle` every 200 ms; resolves with the reply and when the connection closed. */
function trickling(head: string, trickle: string): Promise<{ text: string; ms: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let sent = 0;
    const timer = setInterval(() => {
      if (sent < trickle.length) socket.write(trickle[sent++] ?? '');
    }, 200);
    // Bounded: a deadline that never fires fails here, it does not hang the run.
    const limit = setTimeout(() => socket.destroy(), 10_000);
    socket.on('error', () => undefined);
    socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(limit);
      resolve({ text, ms: performance.now() - started });
    });
    socket.write(head);
  });
}

describe('connection deadlines', { timeout: 20_000 }, () => {
  it('headers still arriving at the header deadline: 408 within a second of it', async () => {
    const { text, ms } = await trickling('POST / HTTP/1.1\r\nHost: x\r\n', 'X-Slow: ' + 'a'.repeat(100));
    expect(text).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeGreaterThanOrEqual(HEADERS_MS - 50);
    expect(ms).toBeLessThan(HEADERS_MS + 1_000);
  });

  it('a body still arriving at the request deadline: 408 within a second of it', async () => {
    const { text, ms } = await trickling('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n', 'b'.repeat(100));
    expect(text).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeGreaterThanOrEqual(REQUEST_MS - 50);
    expect(ms).toBeLessThan(REQUEST_MS + 1_000);
  });
});
