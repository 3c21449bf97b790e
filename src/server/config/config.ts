import { availableParallelism } from 'node:os';
import type { AnswerMode } from '../upload/answer-mode.ts';
import type { BodyRate } from '../http/body-flow.ts';
import { resolveRequirements } from '../../core/rules/requirements.ts';
import type { RuleRow } from '../../core/rules/table.ts';
import { ConfigError, flag, nonNegativeInt, number, oneOf, positive, positiveInt, text, type Env } from './env.ts';

export { ConfigError } from './env.ts';

/** Server settings, all from environment variables (docs/server.md, "Configuration"). */
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
  /**
   * The rules the reference engine checks uploads against, with the host's overrides
   * (OKAYLIVE_REQUIREMENTS, the same JSON the widget's `requirements` takes); the table's when
   * absent. Upstream mode forwards to the real service, which applies its own.
   */
  rules?: readonly RuleRow[];
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
  /**
   * Uploads this process holds at once (being received, checked or forwarded), in all and per
   * client; a body slower than `minRate` is cut, so a trickle cannot keep a slot.
   */
  uploads: { max: number; perClient: number; minRate: BodyRate };
  /** How long the answer to an upload is kept for an identical resend (upstream mode). */
  resendWindowMs: number;
  /** Shared state for several instances; null keeps it in this process's memory. */
  redisUrl: string | null;
  /** What the browser is told; null leaves it to the entry point (production: verdict-only, dev: full). */
  answerMode: AnswerMode | null;
  /** Page origins on other sites allowed to call the API (CORS); same-origin pages need none. */
  allowedOrigins: readonly string[];
  /** Continuing the selfie on a phone (QR code or short code); see HandoffConfig. */
  handoff: HandoffConfig;
  log: 'json' | 'off';
}

export interface HandoffConfig {
  enabled: boolean;
  /** How long a handoff waits to be claimed and finished. */
  ttlMs: number;
  /** The phone page: a path this API serves itself (`/phone`), or the absolute URL of the host's own page. */
  page: string;
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
  /** Open connections the server accepts; more are dropped on arrival. */
  maxConnections: number;
  /** A request's headers must arrive within this, and the whole request within the second (Node answers 408). */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The upstream call's deadline: clearly below the browser client's own 30 s (DEFAULT_TIMEOUT_MS
 * of the widget's API client), so the browser always hears our answer (a 504) rather than
 * timing out itself and leaving a call it cannot know the fate of.
 */
export const UPSTREAM_TIMEOUT_MS = 25_000;

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
    throw new ConfigError(
      'OKAYLIVE_BASE_URL, OKAYLIVE_USERNAME, OKAYLIVE_PASSWORD',
      'set all three for upstream mode, or none',
    );
  }
  const timeoutMs = number(
    env,
    'OKAYLIVE_UPSTREAM_TIMEOUT_MS',
    UPSTREAM_TIMEOUT_MS,
    positiveInt,
    'a whole number of milliseconds',
  );
  const upstream =
    baseUrl && username && password ? { baseUrl: upstreamBaseUrl(baseUrl), username, password, timeoutMs } : null;
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
      threads: number(
        env,
        'OKAYLIVE_ANALYSIS_THREADS',
        Math.min(2, availableParallelism()),
        positiveInt,
        'a positive whole number',
      ),
      queue: number(env, 'OKAYLIVE_ANALYSIS_QUEUE', 64, nonNegativeInt, 'a whole number'),
      maxWaitMs: number(env, 'OKAYLIVE_ANALYSIS_MAX_WAIT_MS', 15_000, positiveInt, 'a whole number of milliseconds'),
      ...requirements(text(env, 'OKAYLIVE_REQUIREMENTS')),
    },
    uploads: {
      max: number(env, 'OKAYLIVE_MAX_UPLOADS', 64, positiveInt, 'a positive whole number'),
      perClient: number(env, 'OKAYLIVE_MAX_UPLOADS_PER_CLIENT', 8, positiveInt, 'a positive whole number'),
      minRate: {
        bytesPerSecond: number(env, 'OKAYLIVE_MIN_BODY_RATE', 4096, positive, 'a positive number of bytes per second'),
        windowMs: number(env, 'OKAYLIVE_BODY_RATE_WINDOW_MS', 5_000, positiveInt, 'a whole number of milliseconds'),
        graceMs: number(env, 'OKAYLIVE_BODY_RATE_GRACE_MS', 2_000, nonNegativeInt, 'a whole number of milliseconds'),
      },
    },
    resendWindowMs: number(env, 'OKAYLIVE_RESEND_WINDOW_MS', 300_000, positiveInt, 'a whole number of milliseconds'),
    redisUrl: redisUrl(text(env, 'OKAYLIVE_REDIS_URL')),
    answerMode: oneOf(env, 'OKAYLIVE_ANSWER_MODE', ['full', 'verdict-only'] as const),
    allowedOrigins: allowedOrigins(text(env, 'OKAYLIVE_ALLOWED_ORIGINS')),
    handoff: {
      enabled: flag(env, 'OKAYLIVE_HANDOFF', true),
      ttlMs:
        number(
          env,
          'OKAYLIVE_HANDOFF_TTL_S',
          600,
          (n) => Number.isInteger(n) && n >= 60 && n <= 3600,
          'a whole number of seconds, 60 to 3600',
        ) * 1000,
      page: handoffPage(text(env, 'OKAYLIVE_HANDOFF_PAGE')),
    },
    log: flag(env, 'OKAYLIVE_LOG', true) ? 'json' : 'off',
  };
}

/** The widget's `requirements`, as JSON: refused at start with the row and the bound, as the widget refuses them at mount. */
function requirements(raw: string | undefined): { rules?: readonly RuleRow[] } {
  if (raw === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError('OKAYLIVE_REQUIREMENTS', 'not JSON (for example {"yaw":{"limit":15}})');
  }
  const result = resolveRequirements(parsed);
  if (!result.ok) throw new ConfigError('OKAYLIVE_REQUIREMENTS', result.problem.detail);
  return { rules: result.requirements.rows };
}

/** The URL may carry a password: it is checked for shape only, and never repeated in an error. */
function redisUrl(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('OKAYLIVE_REDIS_URL', 'not a URL (redis://host:6379 or rediss://...)');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    throw new ConfigError('OKAYLIVE_REDIS_URL', 'must be redis:// or rediss://');
  return raw;
}

/** Exact origins only (scheme, host, port): a pattern or a path would be a guess about intent. */
function allowedOrigins(raw: string | undefined): string[] {
  if (raw === undefined) return [];
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((origin) => {
      let parsed: URL | null = null;
      try {
        parsed = new URL(origin);
      } catch {
        parsed = null;
      }
      const plainHost = parsed !== null && /^([a-z0-9-]+(\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])$/i.test(parsed.hostname);
      const exact =
        parsed !== null &&
        plainHost &&
        (parsed.protocol === 'https:' || parsed.protocol === 'http:') &&
        parsed.origin === origin;
      if (!exact)
        throw new ConfigError(
          'OKAYLIVE_ALLOWED_ORIGINS',
          'comma-separated origins such as https://bank.example (scheme, host and optional port; no path, no trailing slash, no wildcard)',
        );
      return origin;
    });
}

/**
 * A path of this origin, or an absolute http(s) URL. The link adds `#t=<token>`, so neither may
 * carry a fragment; `//host` would be another site's page read as a path.
 */
function handoffPage(raw: string | undefined): string {
  if (raw === undefined) return '/phone';
  const expectation = 'a path such as /phone, or an absolute http(s) URL without a fragment';
  if (raw.startsWith('/')) {
    if (!/^\/(?![/\\])[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/.test(raw))
      throw new ConfigError('OKAYLIVE_HANDOFF_PAGE', expectation);
    return raw;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('OKAYLIVE_HANDOFF_PAGE', expectation);
  }
  const plain =
    (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password && !raw.includes('#');
  if (!plain) throw new ConfigError('OKAYLIVE_HANDOFF_PAGE', expectation);
  return url.href;
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
    maxConnections: number(env, 'OKAYLIVE_MAX_CONNECTIONS', 1000, positiveInt, 'a positive whole number'),
    ...deadlines(env),
  };
}

/** Node needs the header deadline within the request deadline. */
function deadlines(env: Env): { headersTimeoutMs: number; requestTimeoutMs: number } {
  const headersTimeoutMs = number(
    env,
    'OKAYLIVE_HEADERS_TIMEOUT_MS',
    15_000,
    positiveInt,
    'a whole number of milliseconds',
  );
  const requestTimeoutMs = number(
    env,
    'OKAYLIVE_REQUEST_TIMEOUT_MS',
    60_000,
    positiveInt,
    'a whole number of milliseconds',
  );
  if (headersTimeoutMs > requestTimeoutMs)
    throw new ConfigError('OKAYLIVE_HEADERS_TIMEOUT_MS', 'must not be longer than OKAYLIVE_REQUEST_TIMEOUT_MS');
  return { headersTimeoutMs, requestTimeoutMs };
}
