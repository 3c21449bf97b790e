import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { form, selfieJpeg } from '../testing/images.ts';
import { serve } from '../testing/serve.ts';
import { stubEngine } from '../testing/stub-engine.ts';
import { ConfigError, createOkayLiveApi, type OkayLiveApi } from './index.ts';
import { okayliveRouteHandlers } from './next.ts';

/** The server package's API, through both faces, as a host's backend uses it. */

const BASE = 'http://bank.example/api/ekyc';
let api: OkayLiveApi | null = null;
afterEach(async () => {
  await api?.close();
  api = null;
});

function reference(options: Parameters<typeof createOkayLiveApi>[0] = {}): OkayLiveApi {
  api = createOkayLiveApi({ logger: 'off', engine: stubEngine(), ...options });
  return api;
}

async function journey(face: OkayLiveApi, address = '203.0.113.7'): Promise<Response> {
  return face.fetch(new Request(`${BASE}/journeyid`, { method: 'POST' }), { clientAddress: address });
}

describe('createOkayLiveApi: options in code, checked like the environment', () => {
  it('needs upstream credentials or an engine', () => {
    expect(() => createOkayLiveApi({ logger: 'off' })).toThrow(/upstream.*engine/);
  });

  it.each([
    ['allowedOrigins', { allowedOrigins: ['https://bank.example/'] }],
    ['requirements', { requirements: { yaw: { limit: 40 } } }],
    ['upstream', { upstream: { baseUrl: 'https://okaylive.example', username: 'u', password: '' } }],
    ['upstream.baseUrl', { upstream: { baseUrl: 'http://okaylive.example', username: 'u', password: 'secret-p' } }],
    ['journeysPerMinute', { journeysPerMinute: -1 }],
    ['handoff.ttlMs', { handoff: { ttlMs: 59_000 } }],
    ['handoff.ttlMs', { handoff: { ttlMs: 90_500 } }],
    ['handoff.page', { handoff: { page: '//secret-p.example' } }],
  ])('refuses a bad %s, naming the option and not the value', (option, options) => {
    let error: unknown;
    try {
      reference(options);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(String(error)).toContain(`${option}:`);
    expect(String(error)).not.toContain('secret-p');
  });
});

describe('the Fetch face', () => {
  it('creates a journey, takes an upload, answers the verdict only', async () => {
    const face = reference();
    const created = await journey(face);
    expect(created.status).toBe(200);
    const { journeyId } = (await created.json()) as { journeyId: string };
    expect(journeyId).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.headers.get('x-request-id')).toBeTruthy();

    const body = form({ imageBest: { bytes: await selfieJpeg() }, journeyId });
    const checked = await face.fetch(new Request(`${BASE}/okaylive`, { method: 'POST', body }));
    expect(checked.status).toBe(200);
    const answer = (await checked.json()) as Record<string, unknown>;
    expect(answer).toMatchObject({ status: 'success' });
    // verdict-only by default: the browser never sees the figures.
    expect(answer).not.toHaveProperty('probability');
    expect(checked.headers.get('connection')).toBeNull();
  });

  it('full answers when asked; GET engine; 404 off its path; 405 for a wrong method', async () => {
    const face = reference({ answerMode: 'full' });
    const { journeyId } = (await (await journey(face)).json()) as { journeyId: string };
    const body = form({ imageBest: { bytes: await selfieJpeg() }, journeyId });
    const answer = (await (
      await face.fetch(new Request(`${BASE}/okaylive`, { method: 'POST', body }))
    ).json()) as Record<string, unknown>;
    expect(answer).toHaveProperty('probability');
    expect(await (await face.fetch(new Request(`${BASE}/engine`))).json()).toEqual({ engine: 'reference' });
    expect((await face.fetch(new Request('http://bank.example/elsewhere'))).status).toBe(404);
    const wrong = await face.fetch(new Request(`${BASE}/journeyid`, { method: 'GET' }));
    expect(wrong.status).toBe(405);
  });

  it('handoff options: its TTL and page in the tickets; off, its routes do not exist', async () => {
    const create = (face: OkayLiveApi, journeyId: string) =>
      face.fetch(
        new Request(`${BASE}/handoff`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Host: 'bank.example' },
          body: JSON.stringify({ journeyId }),
        }),
      );
    const on = reference({ handoff: { ttlMs: 120_000, page: 'https://bank.example/selfie' } });
    const { journeyId } = (await (await journey(on)).json()) as { journeyId: string };
    const created = await create(on, journeyId);
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      ttlMs: 120_000,
      page: 'https://bank.example/selfie',
      link: expect.stringMatching(/^https:\/\/bank\.example\/selfie#t=/),
    });
    await on.close();
    const off = reference({ handoff: { enabled: false } });
    expect((await create(off, journeyId)).status).toBe(404);
  });

  it('counts per-client limits by the address the framework gives', async () => {
    const face = reference({ journeysPerMinute: 1 });
    expect((await journey(face, '203.0.113.7')).status).toBe(200);
    expect((await journey(face, '203.0.113.7')).status).toBe(429);
    expect((await journey(face, '198.51.100.9')).status).toBe(200);
  });

  it('CORS for listed origins only, preflight included', async () => {
    const face = reference({ allowedOrigins: ['https://onboarding.bank.example'] });
    const preflight = await face.fetch(
      new Request(`${BASE}/okaylive`, {
        method: 'OPTIONS',
        headers: { Origin: 'https://onboarding.bank.example', 'Access-Control-Request-Method': 'POST' },
      }),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://onboarding.bank.example');
    const refused = await face.fetch(
      new Request(`${BASE}/journeyid`, { method: 'POST', headers: { Origin: 'https://other.example' } }),
    );
    expect(refused.status).toBe(403);
  });

  it('as Next.js route handlers from a function: the API is made on the first request, once', async () => {
    let made = 0;
    const handlers = okayliveRouteHandlers(() => {
      made += 1;
      return reference();
    });
    expect(made).toBe(0);
    expect((await handlers.POST(new Request(`${BASE}/journeyid`, { method: 'POST' }))).status).toBe(200);
    expect((await handlers.GET(new Request(`${BASE}/engine`))).status).toBe(200);
    expect(made).toBe(1);
  });

  it('as Next.js route handlers: every method goes to the API', async () => {
    const handlers = okayliveRouteHandlers(reference());
    expect((await handlers.POST(new Request(`${BASE}/journeyid`, { method: 'POST' }))).status).toBe(200);
    expect((await handlers.GET(new Request(`${BASE}/engine`))).status).toBe(200);
    expect((await handlers.HEAD(new Request(`${BASE}/engine`, { method: 'HEAD' }))).status).toBe(200);
  });
});

describe('the Node face', () => {
  it('is connect-style middleware: the API under /api/ekyc, next() for the rest', async () => {
    const face = reference();
    let passed = 0;
    const server = await serve((req: IncomingMessage, res: ServerResponse) =>
      face.node(req, res, () => {
        passed += 1;
        res.statusCode = 418;
        res.end();
      }),
    );
    try {
      expect((await fetch(`${server.url}/api/ekyc/journeyid`, { method: 'POST' })).status).toBe(200);
      expect((await fetch(`${server.url}/index.html`)).status).toBe(418);
      expect(passed).toBe(1);
    } finally {
      await server.close();
    }
  });
});
