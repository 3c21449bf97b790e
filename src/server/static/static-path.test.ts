import { describe, expect, it } from 'vitest';
import { normaliseStaticPath, toRequestTarget } from './static-path.ts';

describe('normaliseStaticPath', () => {
  it.each([
    ['/', '/'],
    ['/okaylive/a.js.map/', '/okaylive/a.js.map'],
    ['/okaylive/a.js.map#frag', '/okaylive/a.js.map'],
    ['/okaylive/a.js.map/?q=1#f', '/okaylive/a.js.map'],
    ['/okaylive/a.js%2Emap', '/okaylive/a.js.map'],
    ['/okaylive%2Fa.js.map', '/okaylive/a.js.map'],
    ['/okaylive%5Ca.js.map', '/okaylive/a.js.map'],
    ['/okaylive\\a.js.map', '/okaylive/a.js.map'],
    ['//okaylive///a.js.map//', '/okaylive/a.js.map'],
    ['/x/../okaylive/./a.js.map', '/okaylive/a.js.map'],
    ['/x/%2e%2e/okaylive/a.js.map', '/okaylive/a.js.map'],
    ['/%2e%2e/%2e%2e/etc/passwd', '/etc/passwd'],
    ['/okaylive/a.js.map%252F', '/okaylive/a.js.map'],
    ['/index.html.b%72/', '/index.html.br'],
  ])('%s reads as %s', (url, pathname) => {
    expect(normaliseStaticPath(url)?.pathname).toBe(pathname);
  });

  it.each(['/a%zz', '/a%00.html', '/a%2525252e'])('%s cannot be read: null', (url) => {
    expect(normaliseStaticPath(url)).toBeNull();
  });

  it('keeps the query for the file server, and the target decodes back to the same path', () => {
    const path = normaliseStaticPath('/onboarding/?v=2#x');
    expect(path).toEqual({ pathname: '/onboarding', search: '?v=2' });
    const odd = normaliseStaticPath('/a%23b%3Fc%2520d');
    expect(odd?.pathname).toBe('/a#b?c d');
    // The file server cuts at a bare `?` or `#`: they stay escaped in what it is handed.
    if (odd) expect(toRequestTarget(odd)).toBe('/a%23b%3Fc%20d');
  });
});
