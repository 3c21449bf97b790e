/**
 * The API alone (no pages), for the benchmark: started as its own process so the load
 * generator does not share its event loop. Prints one JSON line with its port once the models
 * are loaded. Configured by the same environment variables as the production server.
 */
import type { AddressInfo } from 'node:net';
import { readConfig, readServeConfig } from '../config/config.ts';
import { createEkycMiddleware } from '../handler.ts';
import { createHttpServer } from '../http/http-server.ts';

const api = createEkycMiddleware(readConfig());
await api.ready;
// The production server's connection limits, deadlines included.
const limits = readServeConfig();
const server = createHttpServer(
  (req, res) =>
    api(req, res, () => {
      res.writeHead(404).end();
    }),
  { ...limits, keepAliveTimeoutMs: 5_000 },
);
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => void api.close().finally(() => process.exit(0)));
});
