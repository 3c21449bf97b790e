import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { escapeHtml, phonePageHtml, phonePageUrl, STANDALONE_SCRIPT } from './page.ts';

/** Just what phonePageUrl reads of a request. */
function request(headers: IncomingHttpHeaders, encrypted = false): IncomingMessage {
  return { headers, socket: { encrypted } } as unknown as IncomingMessage;
}

describe('the phone page', () => {
  const html = phonePageHtml('/api/ekyc');

  it('loads the standalone widget in handoff mode, in English, sized for a phone', () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width');
    expect(html).toMatch(/<title>[^<]+<\/title>/);
    expect(html).toContain(`<script src="${STANDALONE_SCRIPT}" defer></script>`);
    expect(html).toContain('<okaylive-capture handoff="phone" api-base-url="/api/ekyc"></okaylive-capture>');
  });

  it('has no inline script or style (it runs under a CSP without unsafe-inline)', () => {
    expect(html.match(/<script\b[^>]*>/g)).toEqual([`<script src="${STANDALONE_SCRIPT}" defer>`]);
    expect(html).not.toMatch(/<script\b[^>]*>[^<]+<\/script>/);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    expect(html).not.toMatch(/<link\b/);
  });

  it('escapes what it is given', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    const hostile = phonePageHtml('/api"><script>alert(1)</script>', '/x.js?a=1&b="2"');
    expect(hostile).toContain('api-base-url="/api&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(hostile).toContain('src="/x.js?a=1&amp;b=&quot;2&quot;"');
    expect(hostile.match(/<script\b/g)).toHaveLength(1);
  });
});

describe('phonePageUrl: where the phone page is, absolute', () => {
  it.each<[string, string, IncomingHttpHeaders, number, boolean, string | null]>([
    [
      'a configured URL, as it is',
      'https://bank.example/selfie',
      { host: 'api.internal' },
      0,
      false,
      'https://bank.example/selfie',
    ],
    [
      'same-origin page: its Origin',
      '/phone',
      { host: 'a.example', origin: 'https://a.example', 'sec-fetch-site': 'same-origin' },
      0,
      false,
      'https://a.example/phone',
    ],
    [
      "a listed cross-origin page: this API's Host, not its Origin",
      '/phone',
      { host: 'api.example', origin: 'https://bank.example', 'sec-fetch-site': 'cross-site' },
      0,
      false,
      'http://api.example/phone',
    ],
    [
      'a listed cross-origin page behind a trusted proxy: its scheme and the Host',
      '/phone',
      {
        host: 'api.example',
        origin: 'https://bank.example',
        'sec-fetch-site': 'same-site',
        'x-forwarded-proto': 'https',
      },
      1,
      false,
      'https://api.example/phone',
    ],
    [
      'a listed cross-origin page over TLS, no Sec-Fetch-Site',
      '/phone',
      { host: 'api.example', origin: 'https://bank.example' },
      0,
      true,
      'https://api.example/phone',
    ],
    [
      'a same-origin page whose origin is listed too: its Origin',
      '/phone',
      { host: 'bank.example', origin: 'https://bank.example', 'sec-fetch-site': 'same-origin' },
      0,
      false,
      'https://bank.example/phone',
    ],
    [
      'same-origin without Sec-Fetch-Site (Origin host = Host): its Origin',
      '/phone',
      { host: 'a.example', origin: 'https://a.example' },
      0,
      false,
      'https://a.example/phone',
    ],
    [
      'an Origin of another site is not used',
      '/phone',
      { host: 'a.example', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      0,
      false,
      'http://a.example/phone',
    ],
    [
      'an Origin of null is not used',
      '/phone',
      { host: 'a.example', origin: 'null' },
      0,
      false,
      'http://a.example/phone',
    ],
    ['no Origin: the Host, plain', '/phone', { host: 'a.example:8080' }, 0, false, 'http://a.example:8080/phone'],
    ['no Origin: the Host, over TLS', '/phone', { host: 'a.example' }, 0, true, 'https://a.example/phone'],
    [
      'behind a trusted proxy: its scheme',
      '/phone',
      { host: 'a.example', 'x-forwarded-proto': 'https' },
      1,
      false,
      'https://a.example/phone',
    ],
    [
      'a forwarded scheme is ignored without trusted proxies',
      '/phone',
      { host: 'a.example', 'x-forwarded-proto': 'https' },
      0,
      false,
      'http://a.example/phone',
    ],
    [
      'a forwarded scheme of another kind is ignored',
      '/phone',
      { host: 'a.example', 'x-forwarded-proto': 'javascript' },
      1,
      false,
      'http://a.example/phone',
    ],
    ['an IPv6 host', '/p', { host: '[::1]:5173' }, 0, false, 'http://[::1]:5173/p'],
    ['a Host that is no host', '/phone', { host: 'a.example/evil?x' }, 0, false, null],
    ['no Host at all', '/phone', {}, 0, false, null],
  ])('%s', (_case, page, headers, hops, tls, expected) => {
    expect(phonePageUrl(page, request(headers, tls), hops)).toBe(expected);
  });
});
