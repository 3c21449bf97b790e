import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Middleware } from '../handler.ts';

export interface Running {
  url: string;
  close(): Promise<void>;
}

/** Serves one middleware on a loopback port chosen by the OS, for tests over real HTTP. */
export async function serve(middleware: Middleware): Promise<Running> {
  const server: Server = createServer((req, res) =>
    middleware(req, res, () => {
      res.writeHead(404).end();
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
