import { remoteAddress } from './socket.ts';
import type { IncomingMessage } from 'node:http';
import { isIPv6 } from 'node:net';

export type Take = { ok: true } | { ok: false; retryAfterS: number };

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per client: `perMinute` requests in a burst, refilled evenly over a minute.
 * Memory is bounded: full buckets carry no information and are dropped first; past `maxKeys`
 * the least recently seen client is forgotten (which only ever errs towards letting one in).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 10_000,
  ) {
    this.perMs = perMinute / 60_000;
  }

  take(key: string): Take {
    const now = this.now();
    const previous = this.buckets.get(key);
    const tokens = previous
      ? Math.min(this.perMinute, previous.tokens + (now - previous.at) * this.perMs)
      : this.perMinute;
    // Re-insert so the Map's order stays "least recently seen first".
    this.buckets.delete(key);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return { ok: false, retryAfterS: Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000)) };
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    if (this.buckets.size > this.maxKeys) this.evict(now);
    return { ok: true };
  }

  get size(): number {
    return this.buckets.size;
  }

  /** Down to 90 %, so the sweep runs once per many new clients rather than on each. */
  private evict(now: number): void {
    const keep = Math.floor(this.maxKeys * 0.9);
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.perMs >= this.perMinute) this.buckets.delete(key);
    }
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= keep) break;
      this.buckets.delete(key);
    }
  }
}

/** An IPv6 client can pick any address in its /64, so the /64 is the client. */
function ipv6Prefix(address: string): string {
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * One client, one key: proxies write an entry as `ip`, `ip:port` or `[v6]:port`, and a port
 * (a new one per connection) must not make a new client.
 */
function normalise(address: string): string {
  const entry = address.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  const withPort = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(entry);
  const plain = bracketed?.[1] ?? withPort?.[1] ?? entry;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(plain);
  if (mapped?.[1]) return mapped[1];
  return isIPv6(plain) ? ipv6Prefix(plain) : plain;
}

/**
 * Who is asking. With `trustedHops` reverse proxies in front, each appends the address it
 * saw to X-Forwarded-For, so the client is that many entries from the end; anything further
 * left was written by the client and proves nothing.
 */
export function clientKey(req: IncomingMessage, trustedHops: number): string {
  const socket = remoteAddress(req) ?? 'unknown';
  if (trustedHops <= 0) return normalise(socket);
  const header = req.headers['x-forwarded-for'];
  const chain = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const entry = chain[chain.length - trustedHops];
  return normalise(entry ?? socket);
}
