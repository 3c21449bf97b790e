/** The phone page as each server serves it, and the handoff inside the production app (verdict-only). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { readConfig, readServeConfig } from '../config/config.ts';
import { silentLogger } from '../http/log.ts';
import { handoffClient, handoffServer, switchableEngine } from '../testing/handoff.ts';
import { selfieJpeg } from '../testing/images.ts';
import { serve } from '../testing/serve.ts';

let dir: string;
let jpeg: Buffer;
const { engine } = switchableEngine();
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'okl-handoff-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>demo</title>');
  jpeg = await selfieJpeg();
});
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function middleware(env: Record<string, string> = {}): Promise<string> {
  const server = await handoffServer({ engine, env });
  closers.push(server.close);
  return server.url;
}

async function production(env: Record<string, string> = {}): Promise<string> {
  const app = createApp(readConfig(env), readServeConfig({ OKAYLIVE_STATIC_DIR: dir }), {
    logger: silentLogger,
    engine,
  });
  const running = await serve((req: IncomingMessage, res: ServerResponse) => app.handle(req, res));
  closers.push(async () => {
    await running.close();
    await app.close();
  });
  return running.url;
}

describe('the phone page', () => {
  it('the API middleware serves it on GET and HEAD, never cached, never referred', async () => {
    const url = await middleware();
    const page = await fetch(`${url}/phone`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('x-request-id')).toBeTruthy();
    const html = await page.text();
    expect(html).toContain('<okaylive-capture handoff="phone" api-base-url="/api/ekyc"></okaylive-capture>');
    expect(html).toContain('<script src="/okaylive/okaylive-capture.js" defer></script>');
    const head = await fetch(`${url}/phone`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await fetch(`${url}/phone`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    // Only the page itself: its neighbours are someone else's.
    expect((await fetch(`${url}/phone/x`)).status).toBe(404);
    expect((await fetch(`${url}/phones`)).status).toBe(404);
  });

  it('the production server serves it under its CSP and security headers', async () => {
    const url = await production();
    const page = await fetch(`${url}/phone`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(page.headers.get('content-security-policy')).not.toMatch(/unsafe-inline/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('cache-control')).toBe('no-store');
  });

  it('at a configured path, and in the links made on that path', async () => {
    const url = await middleware({ OKAYLIVE_HANDOFF_PAGE: '/selfie/phone' });
    expect((await fetch(`${url}/selfie/phone`)).status).toBe(200);
    expect((await fetch(`${url}/phone`)).status).toBe(404);
    const ticket = await handoffClient(url).start();
    expect(ticket.page).toBe(`${url}/selfie/phone`);
    expect(ticket.link).toBe(`${url}/selfie/phone#t=${ticket.token}`);
  });

  it("a host's own page (an absolute URL) is linked as it is, and not served here", async () => {
    const url = await middleware({ OKAYLIVE_HANDOFF_PAGE: 'https://bank.example/selfie/phone' });
    const ticket = await handoffClient(url).start();
    expect(ticket.page).toBe('https://bank.example/selfie/phone');
    expect(ticket.link).toBe(`https://bank.example/selfie/phone#t=${ticket.token}`);
    expect((await fetch(`${url}/phone`)).status).toBe(404);
  });

  it("made on this API's host for a listed page of another origin (that origin serves no phone page)", async () => {
    const url = await middleware({ OKAYLIVE_ALLOWED_ORIGINS: 'https://bank.example' });
    const ticket = await handoffClient(url).start({ Origin: 'https://bank.example', 'Sec-Fetch-Site': 'cross-site' });
    expect(ticket.page).toBe(`${url}/phone`);
    expect(ticket.link).toBe(`${url}/phone#t=${ticket.token}`);
  });
});

describe('inside the production app', () => {
  it('the desktop gets the verdict-only answer the phone got', async () => {
    const url = await production();
    const client = handoffClient(url);
    const ticket = await client.start();
    const { phone } = (await client.claim({ token: ticket.token })).body;
    const upload = await client.upload(phone, jpeg);
    expect(upload.text).toBe('{"status":"success","messageCode":"api.success","outcome":"live"}');
    await expect.poll(async () => (await client.status(ticket.handoff)).body.state).toBe('done');
    expect((await client.status(ticket.handoff)).body.answer).toEqual({
      status: 200,
      body: { status: 'success', messageCode: 'api.success', outcome: 'live' },
    });
  });
});
