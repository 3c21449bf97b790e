import busboy from 'busboy';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

/** How the fake answers a route: a JSON body with a status, or one of the ways a gateway misbehaves. */
export type FakeAnswer =
  | { status: number; body: unknown; headers?: Record<string, string> }
  /** Never answers (for the proxy's timeout). */
  | 'hang'
  /** An nginx-style HTML error page naming an internal address. */
  | 'html'
  /** A 200 whose JSON body never ends within any sane size. */
  | 'huge'
  /** Closes the connection without an answer. */
  | 'reset';

export interface FakeOptions {
  username: string;
  password: string;
  /** Delay before each answer, ms (OkayLive takes 2-3 s). */
  delayMs?: number;
  okaylive?: FakeAnswer;
  journeyid?: FakeAnswer;
  /** Every okaylive answer waits for this (a test holds the vendor, then lets it go). */
  gate?: Promise<unknown>;
  /** Decode each image like the real service (off for benchmarks: the load is the proxy's). */
  decode?: boolean;
}

export interface ReceivedPart {
  filename?: string;
  size?: number;
  contentType?: string;
  value?: string;
}

export interface Fake {
  url: string;
  received: {
    path: string;
    json?: unknown;
    parts?: Record<string, ReceivedPart>;
    headers: IncomingMessage['headers'];
  }[];
  /** okaylive answers sent so far (a held vendor answers once its gate opens). */
  answered: number;
  options: FakeOptions;
  close(): Promise<void>;
}

export const FAKE_JOURNEY_ID = '7851b4e3-1111-4222-8333-444455556666';
export const FAKE_SUCCESS = {
  status: 'success',
  messageCode: 'api.success',
  probability: 0.9999331,
  score: 9.612308,
  quality: 0.6691686,
};

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

function readParts(req: IncomingMessage): Promise<{ parts: Record<string, ReceivedPart>; image: Buffer | null }> {
  return new Promise((resolve) => {
    const parts: Record<string, ReceivedPart> = {};
    let image: Buffer | null = null;
    const parser = busboy({ headers: req.headers });
    parser.on('field', (name, value) => {
      parts[name] = { value };
    });
    parser.on('file', (name, stream, info) => {
      stream.on('error', () => undefined);
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const bytes = Buffer.concat(chunks);
        if (name === 'imageBest') image = bytes;
        parts[name] = { filename: info.filename, size: bytes.length, contentType: info.mimeType };
      });
    });
    parser.on('close', () => resolve({ parts, image }));
    parser.on('error', () => resolve({ parts, image }));
    req.pipe(parser);
  });
}

/** Like the real service: an image that does not decode is refused with the vendor's sentence. */
async function decodes(image: Buffer | null): Promise<boolean> {
  if (!image) return false;
  try {
    await sharp(image, { failOn: 'warning' }).raw().toBuffer();
    return true;
  } catch {
    return false;
  }
}

function answer(res: ServerResponse, reply: FakeAnswer): void {
  if (reply === 'hang') return;
  if (reply === 'reset') {
    res.socket?.destroy();
    return;
  }
  if (reply === 'html') {
    res.writeHead(502, { 'Content-Type': 'text/html', Server: 'nginx/1.18 innov8tif-internal-7' });
    res.end('<html><body>nginx: bad gateway at 10.1.2.3 (internalNode sg-3)</body></html>');
    return;
  }
  if (reply === 'huge') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{"status":"success","padding":"');
    const block = 'x'.repeat(64 * 1024);
    let sent = 0;
    const pump = (): void => {
      while (sent < 64 && res.write(block)) sent++;
      if (sent < 64) res.once('drain', pump);
      else res.end('"}');
    };
    pump();
    return;
  }
  res.writeHead(reply.status, {
    'Content-Type': 'application/json',
    'X-Upstream-Host': 'innov8tif-internal-7',
    ...reply.headers,
  });
  res.end(JSON.stringify(reply.body));
}

/** A stand-in for Innov8tif's portal: checks credentials and the multipart shape. */
export async function startFakeInnov8tif(options: FakeOptions): Promise<Fake> {
  const received: Fake['received'] = [];
  const fake: Fake = { url: '', received, answered: 0, options, close: async () => undefined };
  const wait = (): Promise<void> => new Promise((r) => setTimeout(r, fake.options.delayMs ?? 0));
  // Each request handled in full; a fault in the fake answers 500 rather than hanging the test.
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.url === '/api/ekyc/journeyid' && req.method === 'POST') {
      let json: unknown = null;
      try {
        json = JSON.parse((await readBody(req)).toString() || 'null');
      } catch {
        json = null;
      }
      received.push({ path: req.url, json, headers: req.headers });
      await wait();
      const ok =
        typeof json === 'object' &&
        json !== null &&
        'username' in json &&
        'password' in json &&
        json.username === fake.options.username &&
        json.password === fake.options.password;
      const reply: FakeAnswer = fake.options.journeyid ?? {
        status: ok ? 200 : 400,
        body: ok
          ? { status: 'success', message: 'api.success', journeyId: FAKE_JOURNEY_ID, internalNode: 'sg-3' }
          : { status: 'error' },
      };
      answer(res, reply);
      return;
    }
    if (req.url === '/api/ekyc/okaylive' && req.method === 'POST') {
      const { parts, image } = await readParts(req);
      received.push({ path: req.url, parts, headers: req.headers });
      let reply: FakeAnswer = fake.options.okaylive ?? { status: 200, body: FAKE_SUCCESS };
      if (!fake.options.okaylive && fake.options.decode !== false && !(await decodes(image))) {
        reply = { status: 400, body: { status: 'error', messageCode: null, message: 'Failed to decode image' } };
      }
      if (reply !== 'hang') await wait();
      if (fake.options.gate) await fake.options.gate;
      answer(res, reply);
      fake.answered += 1;
      return;
    }
    if (req.url === '/__stats' && req.method === 'GET') {
      // For a benchmark in another process: how many calls the vendor got.
      const count = (path: string) => received.filter((r) => r.path === path).length;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ okaylive: count('/api/ekyc/okaylive'), journeyid: count('/api/ekyc/journeyid') }));
      return;
    }
    res.writeHead(404).end();
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}
