import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from './app.ts';
import { readConfig, readServeConfig } from './config/config.ts';
import { silentLogger } from './http/log.ts';
import { serve, type Running } from './testing/serve.ts';
import { stubEngine } from './testing/stub-engine.ts';

let dir: string;
let app: App;
let server: Running;

function build(): string {
  const root = mkdtempSync(join(tmpdir(), 'okl-dist-'));
  mkdirSync(join(root, 'assets'));
  mkdirSync(join(root, 'okaylive-assets'));
  writeFileSync(
    join(root, 'index.html'),
    '<!doctype html><title>demo</title><script type="module" src="/assets/index-Dg_8EETt.js"></script>',
  );
  writeFileSync(join(root, 'standalone.html'), '<!doctype html><title>standalone</title>');
  writeFileSync(join(root, 'assets', 'index-Dg_8EETt.js'), 'console.log(1)');
  writeFileSync(
    join(root, 'okaylive-assets', 'tfjs-backend-wasm-simd.wasm'),
    Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]),
  );
  writeFileSync(join(root, 'okaylive-assets', 'blazeface.json'), '{}');
  writeFileSync(join(root, 'okaylive-assets', 'blazeface.bin'), Buffer.alloc(16));
  writeFileSync(join(root, '.env'), 'SECRET=1');
  return root;
}

beforeAll(async () => {
  dir = build();
  const serveConfig = readServeConfig({
    OKAYLIVE_STATIC_DIR: dir,
    OKAYLIVE_FRAME_ANCESTORS: "'self' https://bank.example",
  });
  app = createApp(readConfig({}), serveConfig, { logger: silentLogger, engine: stubEngine() });
  server = await serve((req: IncomingMessage, res: ServerResponse) => app.handle(req, res));
});
afterAll(async () => {
  await server.close();
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);

describe('production server: pages and API on one port', () => {
  it('serves the page with a strict CSP and the usual security headers', async () => {
    const r = await get('/');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = r.headers.get('content-security-policy') ?? '';
    const directives = Object.fromEntries(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name = '', ...values]) => [name, values]),
    );
    expect(csp).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
    expect(directives['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives['style-src']).toEqual(["'self'"]);
    expect(directives['worker-src']).toEqual(["'self'", 'blob:']);
    expect(directives['img-src']).toEqual(["'self'", 'blob:', 'data:']);
    expect(directives['media-src']).toEqual(["'self'", 'blob:', 'mediastream:']);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'self'", 'https://bank.example']);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    expect(r.headers.get('permissions-policy')).toMatch(/camera=\(self\)/);
    expect(r.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(r.headers.get('strict-transport-security')).toBeNull();
    expect(r.headers.get('cache-control')).toBe('no-cache');
    expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves other pages of the build by name', async () => {
    expect((await get('/standalone.html')).status).toBe(200);
    expect((await get('/standalone')).status).toBe(200);
  });

  it('hashed build output is immutable; fixed-name analysis assets revalidate, with the right types', async () => {
    const js = await get('/assets/index-Dg_8EETt.js');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    const wasm = await get('/okaylive-assets/tfjs-backend-wasm-simd.wasm');
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    expect(wasm.headers.get('cache-control')).toBe('no-cache');
    const etag = wasm.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    expect(
      (await get('/okaylive-assets/tfjs-backend-wasm-simd.wasm', { headers: { 'If-None-Match': etag } })).status,
    ).toBe(304);
    expect((await get('/okaylive-assets/blazeface.json')).headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('the API answers on the same port, with the same headers', async () => {
    const r = await get('/api/ekyc/journeyid', { method: 'POST' });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ status: 'success' });
    expect(r.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(r.headers.get('x-request-id')).toBeTruthy();
    expect(await (await get('/api/ekyc/engine')).json()).toEqual({ engine: 'reference' });
  });

  it('health check says ready', async () => {
    expect(await (await get('/healthz')).json()).toEqual({ status: 'ok', engine: 'reference' });
  });

  it('unknown paths, dotfiles and traversal are 404; methods other than GET/HEAD do not read files', async () => {
    for (const path of ['/nope', '/.env', '/%2e%2e/%2e%2e/etc/passwd', '/assets/../../etc/passwd']) {
      const r = await get(path);
      expect(r.status, path).toBe(404);
      expect(r.headers.get('x-request-id')).toBeTruthy();
    }
    expect((await get('/index.html', { method: 'POST' })).status).toBe(404);
  });

  it('keeps a sane request id from a proxy in front, replaces anything else', async () => {
    expect((await get('/', { headers: { 'X-Request-Id': 'lb-12345678' } })).headers.get('x-request-id')).toBe(
      'lb-12345678',
    );
    expect((await get('/', { headers: { 'X-Request-Id': 'x\ty' } })).headers.get('x-request-id')).toMatch(
      /^[0-9a-f-]{36}$/,
    );
  });
});

describe('production server options', () => {
  it('HSTS on request; no framing by default', async () => {
    const other = createApp(readConfig({}), readServeConfig({ OKAYLIVE_STATIC_DIR: dir, OKAYLIVE_HSTS: 'on' }), {
      logger: silentLogger,
      engine: stubEngine(),
    });
    const running = await serve((req: IncomingMessage, res: ServerResponse) => other.handle(req, res));
    const r = await fetch(`${running.url}/`);
    await running.close();
    expect(r.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(r.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(r.headers.get('x-frame-options')).toBe('DENY');
  });

  it('the API refuses other sites and answers listed origins with CORS (OKAYLIVE_ALLOWED_ORIGINS)', async () => {
    const other = createApp(
      readConfig({ OKAYLIVE_ALLOWED_ORIGINS: 'https://bank.example' }),
      readServeConfig({ OKAYLIVE_STATIC_DIR: dir }),
      {
        logger: silentLogger,
        engine: stubEngine(),
      },
    );
    const running = await serve((req: IncomingMessage, res: ServerResponse) => other.handle(req, res));
    const evil = await fetch(`${running.url}/api/ekyc/journeyid`, {
      method: 'POST',
      headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
    });
    const bank = await fetch(`${running.url}/api/ekyc/journeyid`, {
      method: 'POST',
      headers: { Origin: 'https://bank.example', 'Sec-Fetch-Site': 'cross-site' },
    });
    await running.close();
    await other.close();
    expect(evil.status).toBe(403);
    expect(await evil.json()).toEqual({ status: 'error', messageCode: null, message: 'ORIGIN_NOT_ALLOWED' });
    expect(bank.status).toBe(200);
    expect(bank.headers.get('access-control-allow-origin')).toBe('https://bank.example');
  });

  it('refuses to start without a build', () => {
    expect(() =>
      createApp(readConfig({}), readServeConfig({ OKAYLIVE_STATIC_DIR: join(dir, 'missing') }), {
        logger: silentLogger,
        engine: stubEngine(),
      }),
    ).toThrow(/npm run build/);
  });
});
