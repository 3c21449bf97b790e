import busboy from 'busboy';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeOptions {
  username: string;
  password: string;
  /** Delay before each answer, ms (OkayLive takes 2-3 s). */
  delayMs?: number;
  /** What /okaylive answers: a body and HTTP status. */
  okaylive?: { status: number; body: unknown } | 'hang' | 'html';
}

export interface Fake {
  url: string;
  received: { path: string; json?: unknown; parts?: Record<string, { filename?: string; size?: number; value?: string }> }[];
  options: FakeOptions;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

function readParts(req: IncomingMessage): Promise<Record<string, { filename?: string; size?: number; value?: string }>> {
  return new Promise((resolve) => {
    const parts: Record<string, { filename?: string; size?: number; value?: string }> = {};
    const parser = busboy({ headers: req.headers });
    parser.on('field', (name, value) => {
      parts[name] = { value };
    });
    parser.on('file', (name, stream, info) => {
      let size = 0;
      stream.on('data', (c: Buffer) => {
        size += c.length;
      });
      stream.on('end', () => {
        parts[name] = { filename: info.filename, size };
      });
    });
    parser.on('close', () => resolve(parts));
    req.pipe(parser);
  });
}

/** A stand-in for Innov8tif's portal: checks credentials and the multipart shape. */
export async function startFakeInnov8tif(options: FakeOptions): Promise<Fake> {
  const received: Fake['received'] = [];
  const fake: Fake = { url: '', received, options, close: async () => undefined };
  const server = createServer(async (req, res) => {
    const wait = () => new Promise((r) => setTimeout(r, fake.options.delayMs ?? 0));
    if (req.url === '/api/ekyc/journeyid' && req.method === 'POST') {
      const json: unknown = JSON.parse((await readBody(req)).toString() || 'null');
      received.push({ path: req.url, json });
      await wait();
      const ok =
        typeof json === 'object' && json !== null && 'username' in json && 'password' in json &&
        json.username === fake.options.username && json.password === fake.options.password;
      res.writeHead(ok ? 200 : 400, { 'Content-Type': 'application/json', 'X-Upstream-Host': 'innov8tif-internal-7' });
      res.end(JSON.stringify(ok ? { status: 'success', message: 'api.success', journeyId: '7851b4e3-1111-4222-8333-444455556666', internalNode: 'sg-3' } : { status: 'error' }));
      return;
    }
    if (req.url === '/api/ekyc/okaylive' && req.method === 'POST') {
      const parts = await readParts(req);
      received.push({ path: req.url, parts });
      const answer = fake.options.okaylive ?? {
        status: 200,
        body: { status: 'success', messageCode: 'api.success', probability: 0.9999331, score: 9.612308, quality: 0.6691686 },
      };
      if (answer === 'hang') return;
      await wait();
      if (answer === 'html') {
        res.writeHead(502, { 'Content-Type': 'text/html' });
        res.end('<html><body>nginx: bad gateway at 10.1.2.3</body></html>');
        return;
      }
      res.writeHead(answer.status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(answer.body));
      return;
    }
    res.writeHead(404).end();
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
