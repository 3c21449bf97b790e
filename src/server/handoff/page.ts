import type { IncomingMessage, ServerResponse } from 'node:http';
import { judgeOrigin } from '../http/origin.ts';
import { socketOf } from '../http/socket.ts';

/** The one-script-tag build of the widget, as the production build and the dev server publish it. */
export const STANDALONE_SCRIPT = '/okaylive/okaylive-capture.js';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/**
 * The phone's page: the widget in handoff mode and nothing else. No inline script or style,
 * so it runs under the production server's CSP; the widget reads its token from the fragment,
 * which never reaches a server or a Referer.
 */
export function phonePageHtml(apiBase: string, script = STANDALONE_SCRIPT): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '  <head>',
    '    <meta charset="utf-8" />',
    '    <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />',
    '    <meta name="referrer" content="no-referrer" />',
    '    <title>Selfie check</title>',
    `    <script src="${escapeHtml(script)}" defer></script>`,
    '  </head>',
    '  <body>',
    '    <main>',
    `      <okaylive-capture handoff="phone" api-base-url="${escapeHtml(apiBase)}"></okaylive-capture>`,
    '      <noscript>This page needs JavaScript to take the selfie.</noscript>',
    '    </main>',
    '  </body>',
    '</html>',
    '',
  ].join('\n');
}

/** Answers GET or HEAD with the page. The fragment-borne token must not be cached or referred on. */
export function sendPage(req: IncomingMessage, res: ServerResponse, html: string): void {
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(req.method === 'HEAD' ? undefined : html);
}

const HOST = /^([A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.?|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$/;

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function httpOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value ? url.origin : null;
  } catch {
    return null;
  }
}

/** No origin counts as listed: judged against it, an origin is only ever same-origin or not. */
const NONE_LISTED: ReadonlySet<string> = new Set();

/**
 * Where the phone page is, absolute. A configured URL is used as it is. A path is served by
 * this API's host, so it is made absolute from the page that asked only when that page is on
 * this origin (its Origin keeps the scheme a TLS-terminating proxy hides); a listed cross-origin
 * page is another host, whose origin serves no phone page. Else from what the request was sent
 * to: the proxy's X-Forwarded-Proto when proxies are trusted, the Host header. Null when the
 * request names no usable host.
 */
export function phonePageUrl(page: string, req: IncomingMessage, trustProxyHops: number): string | null {
  if (!page.startsWith('/')) return page;
  const origin = single(req.headers.origin);
  // Judged with nothing listed: a listed origin that is also this one still counts as same-origin.
  if (origin !== undefined && judgeOrigin(req.headers, NONE_LISTED).kind === 'same-origin') {
    const usable = httpOrigin(origin);
    if (usable !== null) return `${usable}${page}`;
  }
  const host = single(req.headers.host);
  if (host === undefined || !HOST.test(host)) return null;
  if (trustProxyHops > 0) {
    const proto = single(req.headers['x-forwarded-proto'])?.split(',')[0]?.trim().toLowerCase();
    if (proto === 'https' || proto === 'http') return `${proto}://${host}${page}`;
  }
  const tls = (socketOf(req) as { encrypted?: boolean } | null)?.encrypted === true;
  return `${tls ? 'https' : 'http'}://${host}${page}`;
}
