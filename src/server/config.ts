import { availableParallelism } from 'node:os';

/** Server settings, all from environment variables (README "Server configuration"). */
export interface UpstreamConfig {
  baseUrl: string;
  username: string;
  password: string;
  timeoutMs: number;
}

export interface AnalysisConfig {
  /** Worker threads running the face models; each takes one image at a time. */
  threads: number;
  /** Uploads that may wait for a thread; one more is answered 503. */
  queue: number;
  /** An upload that waited this long for a thread is answered 503 instead. */
  maxWaitMs: number;
}

export interface ServerConfig {
  mode: 'reference' | 'upstream';
  upstream: UpstreamConfig | null;
  /** How long a reference journeyId stays valid. */
  journeyTtlMs: number;
  /** OkayLive calls one reference journey accepts: one flow, a few retakes. */
  journeyMaxAttempts: number;
  /** The browser-facing journey-creation route: off for hosts that create journeys themselves. */
  journeyRoute: { enabled: boolean; perMinute: number };
  /** Reverse proxies in front of us whose X-Forwarded-For we believe (0: use the socket address). */
  trustProxyHops: number;
  analysis: AnalysisConfig;
  log: 'json' | 'off';
}

/** What only the production server (src/server/main.ts) reads. */
export interface ServeConfig {
  port: number;
  host: string;
  staticDir: string;
  /** CSP frame-ancestors sources; "'none'" forbids framing. */
  frameAncestors: string;
  /** Send Strict-Transport-Security (only behind a TLS-terminating proxy). */
  hsts: boolean;
}

/** A setting that cannot be used; names the variable, never echoes its value. */
export class ConfigError extends Error {
  constructor(variable: string, expectation: string) {
    super(`${variable}: ${expectation}`);
    this.name = 'ConfigError';
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;
type Env = Readonly<Record<string, string | undefined>>;

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function number(env: Env, name: string, fallback: number, check: (n: number) => boolean, expectation: string): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || !check(value)) throw new ConfigError(name, expectation);
  return value;
}

const positive = (n: number): boolean => n > 0;
const positiveInt = (n: number): boolean => Number.isInteger(n) && n > 0;
const nonNegativeInt = (n: number): boolean => Number.isInteger(n) && n >= 0;

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = text(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'true', 'on', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'off', 'no'].includes(raw)) return false;
  throw new ConfigError(name, 'expected on or off');
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Credentials travel in the body of the journey call: only over TLS, or to this machine (tests). */
function upstreamBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('OKAYLIVE_BASE_URL', 'not a URL');
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  if (!secure) throw new ConfigError('OKAYLIVE_BASE_URL', 'must be https:// (plain http only to localhost)');
  if (url.username || url.password || url.search || url.hash) {
    throw new ConfigError('OKAYLIVE_BASE_URL', 'scheme, host and optional path only');
  }
  return url.href.replace(/\/+$/, '');
}

export function readConfig(env: Env = process.env): ServerConfig {
  const baseUrl = text(env, 'OKAYLIVE_BASE_URL');
  const username = text(env, 'OKAYLIVE_USERNAME');
  const password = env.OKAYLIVE_PASSWORD ?? '';
  const anyUpstream = baseUrl !== undefined || username !== undefined || password !== '';
  if (anyUpstream && !(baseUrl && username && password)) {
    // Half a configuration must not silently fall back to the stand-in engine.
    throw new ConfigError('OKAYLIVE_BASE_URL, OKAYLIVE_USERNAME, OKAYLIVE_PASSWORD', 'set all three for upstream mode, or none');
  }
  const timeoutMs = number(env, 'OKAYLIVE_UPSTREAM_TIMEOUT_MS', 30_000, positiveInt, 'a whole number of milliseconds');
  const upstream = baseUrl && username && password ? { baseUrl: upstreamBaseUrl(baseUrl), username, password, timeoutMs } : null;
  const ttlDays = number(env, 'OKAYLIVE_JOURNEY_TTL_DAYS', 14, positive, 'a positive number of days');
  return {
    mode: upstream ? 'upstream' : 'reference',
    upstream,
    journeyTtlMs: ttlDays * DAY_MS,
    journeyMaxAttempts: number(env, 'OKAYLIVE_JOURNEY_MAX_ATTEMPTS', 10, positiveInt, 'a positive whole number'),
    journeyRoute: {
      enabled: flag(env, 'OKAYLIVE_JOURNEY_ROUTE', true),
      perMinute: number(env, 'OKAYLIVE_JOURNEY_RATE_PER_MINUTE', 30, positive, 'a positive number'),
    },
    trustProxyHops: number(env, 'OKAYLIVE_TRUST_PROXY', 0, nonNegativeInt, 'the number of trusted proxies (0, 1, ...)'),
    analysis: {
      threads: number(env, 'OKAYLIVE_ANALYSIS_THREADS', Math.min(2, availableParallelism()), positiveInt, 'a positive whole number'),
      queue: number(env, 'OKAYLIVE_ANALYSIS_QUEUE', 64, nonNegativeInt, 'a whole number'),
      maxWaitMs: number(env, 'OKAYLIVE_ANALYSIS_MAX_WAIT_MS', 15_000, positiveInt, 'a whole number of milliseconds'),
    },
    log: flag(env, 'OKAYLIVE_LOG', true) ? 'json' : 'off',
  };
}

/** CSP source expressions: keywords in quotes, schemes, hosts; nothing that ends the directive. */
const SOURCE = /^('none'|'self'|[a-z][a-z0-9+.-]*:|(https?:\/\/)?(\*\.)?[a-z0-9.-]+(:\d+)?)$/i;

export function readServeConfig(env: Env = process.env): ServeConfig {
  const frameAncestors = text(env, 'OKAYLIVE_FRAME_ANCESTORS') ?? "'none'";
  if (!frameAncestors.split(/\s+/).every((s) => SOURCE.test(s))) {
    throw new ConfigError('OKAYLIVE_FRAME_ANCESTORS', "space-separated sources such as 'self' https://bank.example");
  }
  return {
    port: number(env, 'PORT', 8080, (n) => Number.isInteger(n) && n >= 0 && n < 65536, 'a TCP port'),
    host: text(env, 'HOST') ?? '0.0.0.0',
    staticDir: text(env, 'OKAYLIVE_STATIC_DIR') ?? 'dist',
    frameAncestors,
    hsts: flag(env, 'OKAYLIVE_HSTS', false),
  };
}
