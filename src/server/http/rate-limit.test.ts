import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientKey, RateLimiter } from './rate-limit.ts';

describe('journey-creation rate limit', () => {
  it('allows a burst of perMinute, then one more per 60/perMinute seconds', () => {
    let now = 0;
    const limiter = new RateLimiter(3, () => now);
    expect([1, 2, 3].map(() => limiter.take('a').ok)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterS: 20 });
    expect(limiter.take('b').ok).toBe(true);
    now += 19_000;
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterS: 1 });
    now += 1_000;
    expect(limiter.take('a').ok).toBe(true);
  });

  it('holds at most maxKeys clients', () => {
    let now = 0;
    const limiter = new RateLimiter(2, () => now, 100);
    for (let i = 0; i < 1000; i++) {
      limiter.take(`c${i}`);
      now += 1;
    }
    expect(limiter.size).toBeLessThanOrEqual(100);
  });
});

function req(remoteAddress: string, forwardedFor?: string): IncomingMessage {
  return {
    socket: { remoteAddress },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  } as unknown as IncomingMessage;
}

describe('clientKey', () => {
  it.each([
    ['socket address, proxies not trusted', req('203.0.113.9', '1.1.1.1'), 0, '203.0.113.9'],
    ['IPv4-mapped IPv6', req('::ffff:203.0.113.9'), 0, '203.0.113.9'],
    ['an IPv6 client is its /64', req('2001:db8:abcd:12:1:2:3:4'), 0, '2001:db8:abcd:12::/64'],
    ['compressed IPv6', req('2001:db8::1'), 0, '2001:db8:0:0::/64'],
    ['one trusted proxy: the last X-Forwarded-For entry', req('10.0.0.2', '6.6.6.6, 198.51.100.7'), 1, '198.51.100.7'],
    ['two trusted proxies', req('10.0.0.2', '6.6.6.6, 198.51.100.7, 10.0.0.1'), 2, '198.51.100.7'],
    ['header missing: the socket', req('10.0.0.2'), 1, '10.0.0.2'],
    ['an IPv4 entry with a port is the address', req('10.0.0.2', '6.6.6.6, 198.51.100.7:54321'), 1, '198.51.100.7'],
    ['another port, the same client', req('10.0.0.2', '198.51.100.7:61000'), 1, '198.51.100.7'],
    [
      'a bracketed IPv6 entry with a port is its /64',
      req('10.0.0.2', '[2001:db8:abcd:12::7]:443'),
      1,
      '2001:db8:abcd:12::/64',
    ],
    ['a bracketed IPv6 entry without a port', req('10.0.0.2', '[2001:db8:abcd:12::7]'), 1, '2001:db8:abcd:12::/64'],
    [
      'a bare IPv6 entry is not mistaken for address:port',
      req('10.0.0.2', '2001:db8:abcd:12::7'),
      1,
      '2001:db8:abcd:12::/64',
    ],
    ['an IPv4-mapped entry with a port', req('10.0.0.2', '[::ffff:198.51.100.7]:8080'), 1, '198.51.100.7'],
  ])('%s', (_name, request, hops, key) => {
    expect(clientKey(request, hops)).toBe(key);
  });
});
