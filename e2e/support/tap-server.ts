/**
 * The e2e web server: the real demo (Vite dev server with the API middleware) behind a
 * recording tap, so tests can decode exactly what reached the server. The tap is test
 * harness only; the product has no such route.
 */
import { createServer as createHttpServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { createServer as createViteServer } from 'vite';

const port = Number(process.env.E2E_PORT ?? 5199);
const innerPort = port + 1;

interface Recorded {
  /** The x-e2e-test header the page sent: which test made the upload. */
  test: string;
  url: string;
  contentType: string;
  body: string;
  status: number;
  response: string;
  at: number;
}

const recorded: Recorded[] = [];

const vite = await createViteServer({ server: { port: innerPort, strictPort: true, host: '127.0.0.1' } });
await vite.listen();

function collect(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** Each request relayed to the dev server, recording okaylive uploads on the way. */
async function relay(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.url === '/__tap/uploads') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(recorded));
    return;
  }
  const record = req.method === 'POST' && (req.url ?? '').includes('/okaylive');
  const body = record ? await collect(req) : null;
  const upstream = request(
    { host: '127.0.0.1', port: innerPort, method: req.method, path: req.url, headers: req.headers },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      if (!record || !body) {
        answer.pipe(res);
        return;
      }
      void collect(answer).then((response) => {
        recorded.push({
          test: String(req.headers['x-e2e-test'] ?? ''),
          url: req.url ?? '',
          contentType: String(req.headers['content-type'] ?? ''),
          body: body.toString('base64'),
          status: answer.statusCode ?? 0,
          response: response.toString('utf8'),
          at: Date.now(),
        });
        res.end(response);
      });
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  });
  if (body) upstream.end(body);
  else req.pipe(upstream);
}

const tap = createHttpServer((req, res) => {
  relay(req, res).catch(() => {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  });
});

// Vite's HMR websocket goes straight through.
tap.on('upgrade', (req, socket, head) => {
  const target = connect(innerPort, '127.0.0.1', () => {
    const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
    for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
    target.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (head.length) target.write(head);
    socket.pipe(target).pipe(socket);
  });
  target.on('error', () => socket.destroy());
  socket.on('error', () => target.destroy());
});

tap.listen(port, 'localhost', () => console.log(`e2e server on http://localhost:${port}`));
