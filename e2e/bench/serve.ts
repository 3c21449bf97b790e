/**
 * The benchmark's static server: the production build served the way docs/INTEGRATION.md
 * asks hosts to serve it (the precompressed .br/.gz sibling where the browser accepts it,
 * hashed names cached for a year, everything else revalidated), counting the bytes it sends
 * per request so the benchmark knows what crossed the wire and what came from the cache.
 */
import { createServer, type Server } from 'node:http';
import sirv from 'sirv';

/** Vite's hashed output and the analysis assets' `<name>.<hash>.<ext>`. */
const HASHED = /^\/assets\/|^\/okaylive-assets\/[\w-]+\.[0-9a-f]{8,16}\.\w+$/;

export interface Sent {
  path: string;
  bytes: number;
  /** Date.now() when the last byte was handed to the socket. */
  at: number;
}

export interface BenchServer {
  url: string;
  /** Every response so far, in order of completion. */
  sent: Sent[];
  close(): Promise<void>;
}

export async function serveBuild(dir: string, port: number): Promise<BenchServer> {
  const serve = sirv(dir, {
    brotli: true,
    gzip: true,
    etag: true,
    setHeaders: (res, pathname) =>
      res.setHeader('Cache-Control', HASHED.test(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  const sent: Sent[] = [];
  const server: Server = createServer((req, res) => {
    // Keep-alive sockets carry one response at a time: the difference is this response.
    const before = req.socket.bytesWritten;
    res.on('finish', () =>
      sent.push({ path: (req.url ?? '').split('?')[0] ?? '', bytes: req.socket.bytesWritten - before, at: Date.now() }),
    );
    serve(req, res, () => {
      res.statusCode = 404;
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, 'localhost', () => resolve());
  });
  return {
    url: `http://localhost:${port}/`,
    sent,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
