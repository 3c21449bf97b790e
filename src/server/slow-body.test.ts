/**
 * Slow uploads over real sockets, with small limits: a client that sends headers and no body,
 * or a body trickling below the minimum rate, must not hold the upload slots other clients need.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from './config/config.ts';
import { createEkycMiddleware, type EkycApi } from './handler.ts';
import { jsonLogger } from './http/log.ts';
import { form, selfieJpeg } from './testing/images.ts';
import { multipartBody } from './testing/raw.ts';
import { serve, type Running } from './testing/serve.ts';
import { stubEngine } from './testing/stub-engine.ts';

const RATE = {
  OKAYLIVE_MIN_BODY_RATE: '2000',
  OKAYLIVE_BODY_RATE_WINDOW_MS: '1000',
  OKAYLIVE_BODY_RATE_GRACE_MS: '500',
};
const SLOTS = 2;

let api: EkycApi;
let server: Running;
let jpeg: Buffer;
const logs: Record<string, unknown>[] = [];
const sockets: Socket[] = [];

beforeAll(async () => {
  jpeg = await selfieJpeg();
  api = createEkycMiddleware(
    readConfig({ OKAYLIVE_MAX_UPLOADS: String(SLOTS), OKAYLIVE_MAX_UPLOADS_PER_CLIENT: String(SLOTS), ...RATE }),
    {
      logger: jsonLogger((line) => logs.push(JSON.parse(line) as Record<string, unknown>)),
      engine: stubEngine({ slots: 4 }),
    },
  );
  server = await serve(api);
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await server.close();
  await api.close();
});

interface Slow {
  /** What the server wrote back, as text, once it closed the connection (or the wait ran out). */
  reply: Promise<{ text: string; closedAfterMs: number }>;
}

/** An upload whose headers arrive at once and whose body then trickles: `first` bytes, then one byte every `everyMs`. */
function slowUpload(journeyId: string, first: number, everyMs: number | null): Slow {
  const boundary = 'slow-boundary';
  const body = multipartBody(boundary, [
    { name: 'journeyId', data: journeyId },
    { name: 'imageBest', filename: 'selfie.jpg', type: 'image/jpeg', data: jpeg },
  ]);
  const { port } = new URL(server.url);
  const socket = connect(Number(port), '127.0.0.1');
  sockets.push(socket);
  const started = performance.now();
  let sent = 0;
  let timer: NodeJS.Timeout | undefined;
  socket.on('error', () => undefined);
  socket.once('connect', () => {
    socket.write(
      `POST /api/ekyc/okaylive HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    if (first > 0) {
      socket.write(body.subarray(0, first));
      sent = first;
    }
    if (everyMs !== null)
      timer = setInterval(() => {
        if (sent < body.length && !socket.destroyed) socket.write(body.subarray(sent, ++sent));
      }, everyMs);
  });
  const reply = new Promise<{ text: string; closedAfterMs: number }>((resolve) => {
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    const done = (): void => {
      clearInterval(timer);
      resolve({ text: Buffer.concat(chunks).toString('latin1'), closedAfterMs: performance.now() - started });
    };
    socket.once('close', done);
    // Bounded: a server that never cuts the trickle fails the test here rather than hanging it.
    setTimeout(() => {
      socket.destroy();
    }, 8_000).unref();
  });
  return { reply };
}

async function normalUpload(): Promise<number> {
  const made = (await (await fetch(`${server.url}/api/ekyc/journeyid`, { method: 'POST' })).json()) as {
    journeyId: string;
  };
  const r = await fetch(`${server.url}/api/ekyc/okaylive`, {
    method: 'POST',
    body: form({ imageBest: { bytes: jpeg }, journeyId: made.journeyId }),
    signal: AbortSignal.timeout(5_000),
  });
  await r.arrayBuffer();
  return r.status;
}

describe('slow uploads do not hold the upload slots', { timeout: 30_000 }, () => {
  it('connections that sent headers but no body yet hold no slot', async () => {
    const idle = Array.from({ length: SLOTS + 1 }, () => slowUpload('idle-client', 0, null));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await normalUpload()).toBe(200);
    for (const s of sockets.splice(0)) s.destroy();
    await Promise.all(idle.map((s) => s.reply));
  });

  it('a body trickling below the minimum rate is cut with a 408 soon after the grace and window, and its slot serves others', async () => {
    const slow = Array.from({ length: SLOTS }, () => slowUpload('slow-client', 200, 300));
    await new Promise((resolve) => setTimeout(resolve, 200));
    // While they are still within their grace, they hold the slots...
    expect(await normalUpload()).toBe(503);
    // ...and once cut, they hold nothing.
    for (const { reply } of slow) {
      const { text, closedAfterMs } = await reply;
      expect(text).toMatch(/^HTTP\/1\.1 408/);
      expect(text).toContain('"message":"REQUEST_TIMEOUT"');
      // Grace (0.5 s) plus one window (1 s), checked at least every quarter window.
      expect(closedAfterMs).toBeLessThan(2_500);
    }
    expect(await normalUpload()).toBe(200);
    await expect.poll(() => logs.filter((l) => l.event === 'api' && l.outcome === 'BODY_TOO_SLOW').length).toBe(SLOTS);
  });

  it('a body arriving at a decent rate with pauses shorter than the window is not cut', async () => {
    // 200 bytes every 50 ms: 4000 B/s, twice the minimum.
    const boundary = 'steady-boundary';
    const body = multipartBody(boundary, [
      { name: 'journeyId', data: 'steady-client' },
      { name: 'imageBest', filename: 'selfie.jpg', type: 'image/jpeg', data: jpeg.subarray(0, 6_000) },
    ]);
    const chunks = Array.from({ length: Math.ceil(body.length / 200) }, (_, i) =>
      body.subarray(i * 200, (i + 1) * 200),
    );
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = chunks.shift();
        if (next === undefined) return controller.close();
        await new Promise((resolve) => setTimeout(resolve, 50));
        controller.enqueue(next);
      },
    });
    const r = await fetch(`${server.url}/api/ekyc/okaylive`, {
      method: 'POST',
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      body: stream,
      duplex: 'half',
      signal: AbortSignal.timeout(10_000),
    } as RequestInit & { duplex: 'half' });
    // Judged on its content (a cut image), not cut for its pace.
    expect(r.status).not.toBe(408);
    expect(r.status).toBe(400);
  });
});

describe('refused before their body is read, keep-alive clients still get every answer', { timeout: 60_000 }, () => {
  it('uploads of 300 KB refused with 503 while the slots are held: no request lost to the connection cut', async () => {
    const held = createEkycMiddleware(readConfig({ OKAYLIVE_MAX_UPLOADS: '1', OKAYLIVE_BODY_RATE_GRACE_MS: '60000' }), {
      logger: jsonLogger(() => undefined),
      engine: stubEngine(),
    });
    const heldServer = await serve(held);
    const holder = connect(Number(new URL(heldServer.url).port), '127.0.0.1');
    holder.on('error', () => undefined);
    holder.write(
      'POST /api/ekyc/okaylive HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 100000\r\n\r\n--b\r\n',
    );
    // Past the drain limit (256 KB): the server cuts the connection after answering.
    const big = Buffer.concat([jpeg, Buffer.alloc(300 * 1024 - jpeg.length)]);
    const kinds: Record<string, number> = {};
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Each client sends its next upload as soon as it has an answer, on a reused connection.
      await Promise.all(
        Array.from({ length: 10 }, async () => {
          for (let i = 0; i < 10; i++) {
            let kind: string;
            try {
              const r = await fetch(`${heldServer.url}/api/ekyc/okaylive`, {
                method: 'POST',
                body: form({ imageBest: { bytes: big }, journeyId: 'x' }),
                signal: AbortSignal.timeout(10_000),
              });
              await r.arrayBuffer();
              kind = String(r.status);
            } catch (error) {
              kind = `lost ${error instanceof Error ? error.message : 'error'}`;
            }
            kinds[kind] = (kinds[kind] ?? 0) + 1;
          }
        }),
      );
    } finally {
      holder.destroy();
      await heldServer.close();
      await held.close();
    }
    expect(kinds).toEqual({ '503': 100 });
  });
});
