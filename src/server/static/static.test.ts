import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticHandler } from './static.ts';
import { serve, type Running } from '../testing/serve.ts';

let dir: string;
let server: Running;
const originals = new Map<string, Buffer>();

/** A file and, when asked, its precompressed siblings, the way a build step writes them. */
function put(path: string, content: string | Buffer, siblings: ('br' | 'gz')[] = []): void {
  const file = join(dir, path);
  mkdirSync(dirname(file), { recursive: true });
  const bytes = Buffer.from(content);
  writeFileSync(file, bytes);
  originals.set(`/${path}`, bytes);
  if (siblings.includes('br')) writeFileSync(`${file}.br`, brotliCompressSync(bytes));
  if (siblings.includes('gz')) writeFileSync(`${file}.gz`, gzipSync(bytes));
}

const text = (label: string): string => `${label} `.repeat(400);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'okl-static-'));
  put('index.html', `<!doctype html><title>demo</title>${text('page')}`, ['br', 'gz']);
  put('onboarding.html', `<!doctype html><title>onboarding</title>${text('onboarding')}`, ['gz']);
  put('okaylive/okaylive-capture.js', `console.log(1);${text('script')}`, ['br', 'gz']);
  put('okaylive/okaylive-capture.js.map', '{"version":3,"sources":["src/index.ts"]}', ['br', 'gz']);
  put('assets/index-Dg_8EETt.css', `body{color:red}${text('css')}`, ['br', 'gz']);
  put('icon.svg', `<svg xmlns="http://www.w3.org/2000/svg">${text('<g/>')}</svg>`, ['br']);
  put('okaylive-assets/blazeface.json', JSON.stringify({ weights: text('w') }), ['br', 'gz']);
  put(
    'okaylive-assets/tfjs-backend-wasm-simd.0b1c2d3e.wasm',
    Buffer.concat([Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), Buffer.alloc(4096)]),
    ['br', 'gz'],
  );
  put('okaylive-assets/facemesh.3fa9c2d1.bin', Buffer.alloc(4096, 7), ['gz']);
  put('okaylive-assets/facemesh.bin', Buffer.alloc(1024, 7));
  const handler = createStaticHandler(dir);
  server = await serve((req: IncomingMessage, res: ServerResponse) =>
    handler(req, res, () => {
      res.statusCode = 404;
      res.end('Not found');
    }),
  );
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Raw bytes as sent: fetch would undo the Content-Encoding we are checking. */
function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const target = new URL(server.url);
    const req = request({ host: target.hostname, port: target.port, path, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function decoded(reply: Reply): Buffer {
  const coding = reply.headers['content-encoding'];
  if (coding === 'br') return brotliDecompressSync(reply.body);
  if (coding === 'gzip') return gunzipSync(reply.body);
  return reply.body;
}

describe('precompressed siblings', () => {
  it.each([
    ['/okaylive/okaylive-capture.js', /^text\/javascript/],
    ['/assets/index-Dg_8EETt.css', /^text\/css/],
    ['/okaylive-assets/blazeface.json', /^application\/json/],
    ['/index.html', /^text\/html/],
    ['/icon.svg', /^image\/svg\+xml/],
    ['/okaylive-assets/tfjs-backend-wasm-simd.0b1c2d3e.wasm', /^application\/wasm$/],
  ])(
    '%s: brotli to a browser that takes it, with the type of the original and the length of what is sent',
    async (path, type) => {
      const r = await get(path, { 'Accept-Encoding': 'gzip, deflate, br, zstd' });
      expect(r.status).toBe(200);
      expect(r.headers['content-encoding']).toBe('br');
      expect(r.headers['content-type']).toMatch(type);
      expect(Number(r.headers['content-length'])).toBe(r.body.length);
      expect(r.body.length).toBeLessThan(originals.get(path)?.length ?? 0);
      expect(r.headers.vary).toBe('Accept-Encoding');
      expect(decoded(r).equals(originals.get(path) ?? Buffer.alloc(0))).toBe(true);
    },
  );

  it.each([
    ['gzip only', 'gzip', 'gzip'],
    ['brotli refused with q=0', 'br;q=0, gzip', 'gzip'],
    ['nothing accepted', '', undefined],
    ['identity only', 'identity', undefined],
    ['both refused', 'br;q=0, gzip;q=0', undefined],
  ])('%s (Accept-Encoding %j) → %s', async (_name, accept, coding) => {
    const path = '/okaylive/okaylive-capture.js';
    const r = await get(path, accept ? { 'Accept-Encoding': accept } : {});
    expect(r.headers['content-encoding']).toBe(coding);
    expect(r.headers['content-type']).toMatch(/^text\/javascript/);
    expect(Number(r.headers['content-length'])).toBe(r.body.length);
    expect(r.headers.vary).toBe('Accept-Encoding');
    expect(decoded(r).equals(originals.get(path) ?? Buffer.alloc(0))).toBe(true);
  });

  it('a page asked for without .html, and the root, come compressed too', async () => {
    const root = await get('/', { 'Accept-Encoding': 'br' });
    expect(root.headers['content-encoding']).toBe('br');
    expect(decoded(root).equals(originals.get('/index.html') ?? Buffer.alloc(0))).toBe(true);
    const page = await get('/onboarding', { 'Accept-Encoding': 'br, gzip' });
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(page.headers['content-type']).toMatch(/^text\/html/);
  });

  it('a file with no sibling in the coding asked for is sent as it is', async () => {
    const r = await get('/icon.svg', { 'Accept-Encoding': 'gzip' });
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.body.equals(originals.get('/icon.svg') ?? Buffer.alloc(0))).toBe(true);
  });

  it('model weights are sent as they are, even beside a .gz', async () => {
    const r = await get('/okaylive-assets/facemesh.3fa9c2d1.bin', { 'Accept-Encoding': 'gzip, br' });
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.headers['content-type']).toBe('application/octet-stream');
    expect(r.body.equals(originals.get('/okaylive-assets/facemesh.3fa9c2d1.bin') ?? Buffer.alloc(0))).toBe(true);
  });

  it('a revalidation (304) carries Vary and Cache-Control like the 200', async () => {
    const first = await get('/okaylive-assets/blazeface.json', { 'Accept-Encoding': 'br' });
    const etag = String(first.headers.etag ?? '');
    expect(etag).not.toBe('');
    const again = await get('/okaylive-assets/blazeface.json', { 'Accept-Encoding': 'br', 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.vary).toBe('Accept-Encoding');
    expect(again.headers['cache-control']).toBe('no-cache');
    // Each coding is its own representation, with its own validator.
    const gzip = await get('/okaylive-assets/blazeface.json', { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers.etag).not.toBe(etag);
  });

  it('HEAD answers the headers of the compressed file without a body', async () => {
    const r = await get('/okaylive/okaylive-capture.js', { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.body.length).toBe(0);
  });
});

describe('caching', () => {
  it.each([
    ['/okaylive-assets/tfjs-backend-wasm-simd.0b1c2d3e.wasm', 'public, max-age=31536000, immutable'],
    ['/okaylive-assets/facemesh.3fa9c2d1.bin', 'public, max-age=31536000, immutable'],
    ['/okaylive-assets/blazeface.json', 'no-cache'],
    ['/okaylive-assets/facemesh.bin', 'no-cache'],
    ['/okaylive/okaylive-capture.js', 'no-cache'],
    ['/assets/index-Dg_8EETt.css', 'public, max-age=31536000, immutable'],
    ['/', 'no-cache'],
  ])('%s → %s', async (path, cacheControl) => {
    const r = await get(path, { 'Accept-Encoding': 'br, gzip' });
    expect(r.status).toBe(200);
    expect(r.headers['cache-control']).toBe(cacheControl);
    expect(r.headers.etag).toBeTruthy();
  });

  it('a miss carries neither the cache lifetime nor Vary', async () => {
    const r = await get('/okaylive-assets/missing.0b1c2d3e.wasm', { 'Accept-Encoding': 'br' });
    expect(r.status).toBe(404);
    expect(r.headers['cache-control']).toBeUndefined();
    expect(r.headers.vary).toBeUndefined();
  });
});

describe('never served', () => {
  it.each([
    '/okaylive/okaylive-capture.js.map',
    '/okaylive/okaylive-capture.js%2Emap',
    '/okaylive/okaylive-capture.js.br',
    '/okaylive/okaylive-capture.js.gz',
    '/okaylive/okaylive-capture.js.map.br',
    // Spellings the file server reads as the same file: a trailing slash or fragment, dot
    // segments, encoded dots and slashes, doubled slashes, backslashes, a query after them.
    '/okaylive/okaylive-capture.js.map/',
    '/okaylive/okaylive-capture.js.map//',
    '/okaylive/okaylive-capture.js.map#',
    '/okaylive/okaylive-capture.js.map#x',
    '/okaylive/okaylive-capture.js.map/#',
    '/okaylive/okaylive-capture.js.map/?x=1',
    '/okaylive/okaylive-capture.js.map?',
    '/okaylive/okaylive-capture.js.map%2F',
    '/okaylive/okaylive-capture.js.map%2f',
    '/okaylive/okaylive-capture.js%2emap',
    '/okaylive/okaylive-capture.js%2Emap/',
    '/okaylive/okaylive-capture.js.%6Dap',
    '/okaylive/okaylive-capture.js.ma%70#',
    '/okaylive//okaylive-capture.js.map',
    '//okaylive/okaylive-capture.js.map',
    '/okaylive/./okaylive-capture.js.map',
    '/okaylive/x/../okaylive-capture.js.map',
    '/okaylive/x/%2e%2e/okaylive-capture.js.map',
    '/okaylive%2Fokaylive-capture.js.map',
    '/okaylive%5Cokaylive-capture.js.map',
    '/okaylive\\okaylive-capture.js.map',
    '/okaylive/okaylive-capture.js.map%23',
    '/okaylive/okaylive-capture.js.map%3F',
    '/okaylive/okaylive-capture.js.map%252F',
    '/okaylive/okaylive-capture.js.map.',
    '/index.html.br',
    '/index.html.br/',
    '/index.html.br#',
    '/index.html.gz/',
    '/index.html%2Ebr',
    '/index.html.b%72/',
    '/index.html.gz%2F',
    '/./index.html.gz',
    '/okaylive/okaylive-capture.js.br/',
    '/okaylive/okaylive-capture.js.gz#',
    '/okaylive/okaylive-capture.js.map.br/',
    '/okaylive-assets/blazeface.json.br/',
    '/okaylive-assets/blazeface.json.gz//',
  ])('%s is 404', async (path) => {
    for (const accept of ['', 'br, gzip']) {
      const r = await get(path, accept ? { 'Accept-Encoding': accept } : {});
      expect(r.status, `${path} (${accept})`).toBe(404);
      expect(r.body.toString()).toBe('Not found');
    }
  });
});
