/**
 * This repository's API alone on a port ("your backend" in the embedding guide), for consumer
 * apps whose own server cannot take a middleware (Next.js: its rewrites send /api/ekyc here).
 *
 *   npx tsx e2e/consumer/api-server.ts <port>
 *
 * Prints `ready http://localhost:<port>` once the models are loaded; stops on SIGTERM.
 */
import { createServer } from 'node:http';
import { readConfig } from '../../src/server/config.ts';
import { createEkycMiddleware } from '../../src/server/handler.ts';

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) throw new Error('usage: api-server.ts <port>');

// One analysis thread: the machine's cores are shared with the browser and the app's server.
const api = createEkycMiddleware(readConfig({ ...process.env, OKAYLIVE_ANALYSIS_THREADS: '1', OKAYLIVE_LOG: 'off' }));
const server = createServer((req, res) =>
  api(req, res, () => {
    res.statusCode = 404;
    res.end();
  }),
);
await new Promise<void>((resolve) => server.listen(port, 'localhost', resolve));
await api.ready;
console.log(`ready http://localhost:${port}`);

process.once('SIGTERM', () => {
  server.close();
  void api.close().then(() => process.exit(0));
});
