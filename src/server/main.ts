/**
 * Production server: the built demo and the API on one port. `npm run start:prod` builds
 * and starts it; `npm run serve` starts it on an existing build. Configured by environment
 * variables only (docs/server.md, "Configuration").
 */
import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import { createHttpServer } from './http/http-server.ts';
import { ConfigError, readConfig, readServeConfig } from './config/config.ts';
import { errorKind, jsonLogger } from './http/log.ts';

const log = jsonLogger();

async function main(): Promise<void> {
  const config = readConfig();
  const serve = readServeConfig();
  const app = createApp(config, serve, { logger: config.log === 'json' ? log : undefined });
  await app.api.ready;

  const server = createHttpServer((req, res) => app.handle(req, res), {
    headersTimeoutMs: serve.headersTimeoutMs,
    requestTimeoutMs: serve.requestTimeoutMs,
    keepAliveTimeoutMs: 5_000,
    maxConnections: serve.maxConnections,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(serve.port, serve.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  log.info('listening', {
    host: serve.host,
    port,
    mode: config.mode,
    threads: config.mode === 'reference' ? config.analysis.threads : 0,
  });

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    // Finish what is in flight (bounded), then release the analysis threads.
    const deadline = setTimeout(() => server.closeAllConnections(), 10_000);
    deadline.unref();
    server.close(() => {
      void app.close().finally(() => process.exit(0));
    });
    server.closeIdleConnections();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  // A configuration error names the variable; anything else is logged by kind only.
  if (error instanceof ConfigError) log.error('config', { problem: error.message });
  else
    log.error('startup', {
      ...errorKind(error),
      detail: error instanceof Error ? error.message.slice(0, 200) : undefined,
    });
  process.exit(1);
});
