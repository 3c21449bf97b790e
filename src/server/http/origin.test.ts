import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isPreflight, judgeOrigin, preflight } from './origin.ts';

const LISTED = new Set(['https://bank.example', 'http://localhost:3000']);
const HOST = 'api.bank.example';

describe('judgeOrigin', () => {
  it.each<[string, IncomingHttpHeaders, string]>([
    ['curl: no Origin, no Sec-Fetch-Site', { host: HOST }, 'not-a-page'],
    ['a same-origin page', { host: HOST, origin: `https://${HOST}`, 'sec-fetch-site': 'same-origin' }, 'same-origin'],
    [
      'a same-origin page of a browser without Sec-Fetch-Site',
      { host: HOST, origin: `https://${HOST}` },
      'same-origin',
    ],
    ['the same host seen over plain http behind a TLS proxy', { host: HOST, origin: `https://${HOST}` }, 'same-origin'],
    ['a listed origin', { host: HOST, origin: 'https://bank.example', 'sec-fetch-site': 'same-site' }, 'listed'],
    [
      'a listed localhost origin',
      { host: HOST, origin: 'http://localhost:3000', 'sec-fetch-site': 'cross-site' },
      'listed',
    ],
    ['another site', { host: HOST, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }, 'refused'],
    ['another site, old browser', { host: HOST, origin: 'https://evil.example' }, 'refused'],
    [
      'a sibling subdomain not listed',
      { host: HOST, origin: 'https://www.bank.example', 'sec-fetch-site': 'same-site' },
      'refused',
    ],
    [
      'a listed origin on another port is another origin',
      { host: HOST, origin: 'https://bank.example:8443', 'sec-fetch-site': 'cross-site' },
      'refused',
    ],
    ['a sandboxed frame (Origin: null)', { host: HOST, origin: 'null', 'sec-fetch-site': 'cross-site' }, 'refused'],
    ['Origin: null from an old browser', { host: HOST, origin: 'null' }, 'refused'],
    ['cross-site without an Origin (a no-cors form)', { host: HOST, 'sec-fetch-site': 'cross-site' }, 'refused'],
    [
      'a same-origin claim in Origin that Sec-Fetch-Site contradicts',
      { host: HOST, origin: `https://${HOST}`, 'sec-fetch-site': 'cross-site' },
      'refused',
    ],
    ['a user-typed navigation', { host: HOST, 'sec-fetch-site': 'none' }, 'not-a-page'],
    ['a lookalike host', { host: HOST, origin: `https://${HOST}.evil.example` }, 'refused'],
  ])('%s → %s', (_name, headers, kind) => {
    expect(judgeOrigin(headers, LISTED).kind).toBe(kind);
  });
});

describe('preflight', () => {
  const ask = (headers: IncomingHttpHeaders) => preflight(headers, LISTED, 'POST');

  it('a listed origin asking for POST gets the origin echoed, the method, a max age and Vary', () => {
    expect(
      ask({
        origin: 'https://bank.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-csrf-token, accept',
      }),
    ).toEqual({
      ok: true,
      headers: {
        'Access-Control-Allow-Origin': 'https://bank.example',
        'Access-Control-Allow-Methods': 'POST',
        'Access-Control-Allow-Headers': 'x-csrf-token, accept',
        'Access-Control-Max-Age': '600',
        Vary: 'Origin, Access-Control-Request-Headers',
      },
    });
  });

  it.each<[string, IncomingHttpHeaders]>([
    ['an origin not listed', { origin: 'https://evil.example', 'access-control-request-method': 'POST' }],
    ['another method', { origin: 'https://bank.example', 'access-control-request-method': 'DELETE' }],
    [
      'header names that are not tokens',
      {
        origin: 'https://bank.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-a\r\nset-cookie: 1',
      },
    ],
    ['no origin', { 'access-control-request-method': 'POST' }],
  ])('%s is refused', (_name, headers) => {
    expect(ask(headers)).toEqual({ ok: false });
  });

  it('is an OPTIONS with Origin and Access-Control-Request-Method, nothing less', () => {
    expect(isPreflight('OPTIONS', { origin: 'https://bank.example', 'access-control-request-method': 'POST' })).toBe(
      true,
    );
    expect(isPreflight('OPTIONS', {})).toBe(false);
    expect(isPreflight('POST', { origin: 'https://bank.example', 'access-control-request-method': 'POST' })).toBe(
      false,
    );
  });
});
