/**
 * The API alone (no pages), for the benchmark: started as its own process so the load
 * generator does not share its event loop. Prints one JSON line with its port once the models
 * are loaded. Configured by the same environment variables as the production server.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readConfig } from '../config.ts';
import { createEkycMiddleware } from '../handler.ts';

const api = createEkycMiddleware(readConfig());
await api.ready;
const server = createServer((req, res) =>
  api(req, res, () => {
    res.writeHead(404).end();
  }),
);
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => void api.close().finally(() => process.exit(0)));
});
