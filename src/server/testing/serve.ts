import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Middleware } from '../handler.ts';

export interface Running {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Serves a middleware (or a whole handler) on a loopback port chosen by the OS, for tests over real HTTP. */
export async function serve(
  handler: Middleware | ((req: IncomingMessage, res: ServerResponse) => void),
): Promise<Running> {
  const server: Server = createServer((req, res) =>
    handler(req, res, () => {
      res.writeHead(404).end();
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
