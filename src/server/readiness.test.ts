/**
 * Liveness and readiness against a real redis-server: /healthz says the process is up, /readyz
 * tells a load balancer whether this instance can serve the API, which it cannot while its
 * store is down (stopped, or stalled with its connection open).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from './app.ts';
import { readConfig, readServeConfig } from './config/config.ts';
import { silentLogger } from './http/log.ts';
import { startRedis, type TestRedis } from './testing/redis.ts';
import { serve, type Running } from './testing/serve.ts';
import { stubEngine } from './testing/stub-engine.ts';

let dir: string;
let redis: TestRedis;
let app: App;
let server: Running;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'okl-dist-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>demo</title>');
  redis = await startRedis();
  app = createApp(readConfig({ OKAYLIVE_REDIS_URL: redis.url }), readServeConfig({ OKAYLIVE_STATIC_DIR: dir }), {
    logger: silentLogger,
    engine: stubEngine(),
  });
  await app.api.ready;
  server = await serve((req: IncomingMessage, res: ServerResponse) => app.handle(req, res));
}, 30_000);
afterAll(async () => {
  await server?.close();
  await app?.close();
  await redis?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

async function status(path: string): Promise<number> {
  return (await fetch(`${server.url}${path}`, { signal: AbortSignal.timeout(5_000) })).status;
}

describe('health and readiness', { timeout: 60_000 }, () => {
  it('/readyz is 503 while Redis is stalled or down and 200 when it is back; /healthz stays 200', async () => {
    expect(await status('/healthz')).toBe(200);
    expect(await status('/readyz')).toBe(200);

    redis.pause();
    try {
      const started = performance.now();
      const stalled = await fetch(`${server.url}/readyz`, { signal: AbortSignal.timeout(5_000) });
      expect(stalled.status).toBe(503);
      expect(await stalled.json()).toMatchObject({ status: 'store_unavailable' });
      expect(stalled.headers.get('retry-after')).toBeTruthy();
      // Answered within the store's command timeout, not held until Redis wakes.
      expect(performance.now() - started).toBeLessThan(2_500);
      expect(await status('/healthz')).toBe(200);
    } finally {
      redis.resume();
    }
    await expect.poll(() => status('/readyz'), { timeout: 10_000, interval: 200 }).toBe(200);

    await redis.stop();
    await expect.poll(() => status('/readyz'), { timeout: 10_000, interval: 200 }).toBe(503);
    expect(await status('/healthz')).toBe(200);
    await redis.start();
    await expect.poll(() => status('/readyz'), { timeout: 20_000, interval: 250 }).toBe(200);
  });
});
