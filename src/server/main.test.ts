/**
 * The production command itself (`node --import tsx src/server/main.ts`, what `npm run serve`
 * runs), as a process: starts from environment variables, serves pages and API on one port,
 * logs JSON, stops cleanly on SIGTERM, refuses a bad configuration.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_JOURNEY_ID, startFakeInnov8tif, type Fake } from './testing/fake-innov8tif.ts';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
let dir: string;
let fake: Fake;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'okl-main-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>demo</title>');
  fake = await startFakeInnov8tif({ username: 'bank-user', password: 'pa55' });
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', OKAYLIVE_STATIC_DIR: dir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  const waiters: ((line: Record<string, unknown>) => void)[] = [];
  createInterface({ input: child.stdout }).on('line', (text) => {
    const line = JSON.parse(text) as Record<string, unknown>;
    lines.push(line);
    for (const w of waiters.splice(0)) w(line);
  });
  const next = (event: string): Promise<Record<string, unknown>> =>
    new Promise((resolve) => {
      const found = lines.find((l) => l.event === event);
      if (found) return resolve(found);
      const wait = (line: Record<string, unknown>): void => {
        if (line.event === event) resolve(line);
        else waiters.push(wait);
      };
      waiters.push(wait);
    });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, lines, next, exited };
}

describe('npm run serve', { timeout: 60_000 }, () => {
  it('serves pages and API on one port from environment variables, and stops on SIGTERM', async () => {
    const server = start({ OKAYLIVE_BASE_URL: fake.url, OKAYLIVE_USERNAME: 'bank-user', OKAYLIVE_PASSWORD: 'pa55' });
    const listening = await server.next('listening');
    expect(listening).toMatchObject({ level: 'info', host: '127.0.0.1', mode: 'upstream' });
    const base = `http://127.0.0.1:${String(listening.port)}`;

    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
    const journey = await fetch(`${base}/api/ekyc/journeyid`, { method: 'POST' });
    expect(await journey.json()).toEqual({ status: 'success', message: 'api.success', journeyId: FAKE_JOURNEY_ID });
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok', engine: 'okaylive' });

    await expect.poll(() => server.lines.some((l) => l.event === 'api' && l.route === '/journeyid')).toBe(true);
    const logged = JSON.stringify(server.lines);
    for (const secret of ['pa55', 'bank-user', fake.url, FAKE_JOURNEY_ID]) expect(logged).not.toContain(secret);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.lines.some((l) => l.event === 'stopping')).toBe(true);
  });

  it('accepts at most OKAYLIVE_MAX_CONNECTIONS connections: one more is dropped unanswered', async () => {
    const server = start({
      OKAYLIVE_BASE_URL: fake.url,
      OKAYLIVE_USERNAME: 'bank-user',
      OKAYLIVE_PASSWORD: 'pa55',
      OKAYLIVE_MAX_CONNECTIONS: '2',
      OKAYLIVE_LOG: 'on',
    });
    const listening = await server.next('listening');
    const port = Number(listening.port);
    const open = (): Promise<Socket> =>
      new Promise((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => resolve(socket));
        socket.once('error', reject);
      });
    /** A request on a fresh connection: its status line, or null when the server closed it without one. */
    const ask = (): Promise<string | null> =>
      new Promise((resolve) => {
        const socket = connect(port, '127.0.0.1');
        let text = '';
        const limit = setTimeout(() => socket.destroy(), 10_000);
        socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
        socket.on('error', () => undefined);
        socket.on('close', () => {
          clearTimeout(limit);
          resolve(text ? (text.split('\r\n')[0] ?? null) : null);
        });
        socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      });
    const idle: Socket[] = [];
    try {
      // Accepted in the order they arrived: both idle ones are counted before the third.
      idle.push(await open(), await open());
      expect(await ask()).toBeNull();
      idle[0]?.destroy();
      await expect.poll(ask, { timeout: 10_000 }).toMatch(/^HTTP\/1\.1 200/);
    } finally {
      // A failed check must not leave the server running.
      for (const socket of idle) socket.destroy();
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
  });

  it('a bad setting stops it at start, naming the variable but not the value', async () => {
    const server = start({ OKAYLIVE_ANALYSIS_QUEUE: 'lots-of-secret' });
    expect(await server.exited).toBe(1);
    const line = server.lines.find((l) => l.event === 'config');
    expect(line?.problem).toMatch(/OKAYLIVE_ANALYSIS_QUEUE/);
    expect(JSON.stringify(server.lines)).not.toContain('lots-of-secret');
  });
});
