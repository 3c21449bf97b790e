import type { RequirementOverrides } from '../../core/rules/requirements.ts';
import type { AnswerHook } from '../upload/answer-mode.ts';
import { ConfigError, readConfig, type ServerConfig } from '../config/config.ts';
import type { Env } from '../config/env.ts';
import { jsonLogger, silentLogger, type Logger } from '../http/log.ts';

/**
 * What a host's backend sets in code: the same settings as the OKAYLIVE_* environment
 * variables of this repository's server (docs/server.md), checked by the same rules.
 */
export interface OkayLiveServerOptions {
  /** Forward to the real OkayLive. Without it the API runs on `engine` (the reference engine). */
  upstream?: { baseUrl: string; username: string; password: string; timeoutMs?: number };
  /** Redis for state shared by several instances (`redis://…`, `rediss://…`); this process's memory otherwise. */
  redisUrl?: string;
  /** Page origins allowed to call the API from another origin (CORS), exactly: `https://bank.example`. */
  allowedOrigins?: readonly string[];
  /** What the browser hears on success: the outcome alone (default) or also probability, quality and score. */
  answerMode?: 'verdict-only' | 'full';
  /** Off for hosts that create journeys in their own authenticated backend and pass `journeyId` to the widget. */
  journeyRoute?: boolean;
  /** Journeys one client may create per minute (default 30). */
  journeysPerMinute?: number;
  /** Reference engine: journey lifetime in days (default 14) and OkayLive calls per journey (default 10). */
  journeyTtlDays?: number;
  journeyMaxAttempts?: number;
  /** Uploads held at once in all (default 64) and per client (default 8). */
  maxUploads?: number;
  maxUploadsPerClient?: number;
  /** The slowest upload body accepted, bytes per second over a window, after a grace (4096, 5000, 2000). Node face only. */
  minBodyRate?: { bytesPerSecond?: number; windowMs?: number; graceMs?: number };
  /** Upstream mode: how long an answer is kept for an identical resend (default 300000 ms). */
  resendWindowMs?: number;
  /** Reverse proxies in front whose X-Forwarded-For is believed (default 0: the socket's address). */
  trustProxy?: number;
  /** Requirement overrides, the same the widget's `requirements` takes; applied by the reference engine. */
  requirements?: RequirementOverrides;
  /** JSON lines on stdout (default), none, or your own logger. */
  logger?: 'json' | 'off' | Logger;
  /** Receives the full answer to each upload before the browser hears it (e.g. to record the score server-side). */
  onAnswer?: AnswerHook;
  /**
   * Continuing on a phone: on unless `enabled: false`; a handoff lives `ttlMs` (60000 to 3600000,
   * default 600000); `page` is the phone page, a path the API serves (default `/phone`) or your own page's absolute URL.
   */
  handoff?: { enabled?: boolean; ttlMs?: number; page?: string };
}

/** Option names for the variables readConfig names in its errors. */
const OPTION_OF: Readonly<Record<string, string>> = {
  OKAYLIVE_BASE_URL: 'upstream.baseUrl',
  'OKAYLIVE_BASE_URL, OKAYLIVE_USERNAME, OKAYLIVE_PASSWORD': 'upstream',
  OKAYLIVE_UPSTREAM_TIMEOUT_MS: 'upstream.timeoutMs',
  OKAYLIVE_REDIS_URL: 'redisUrl',
  OKAYLIVE_ALLOWED_ORIGINS: 'allowedOrigins',
  OKAYLIVE_ANSWER_MODE: 'answerMode',
  OKAYLIVE_JOURNEY_ROUTE: 'journeyRoute',
  OKAYLIVE_JOURNEY_RATE_PER_MINUTE: 'journeysPerMinute',
  OKAYLIVE_JOURNEY_TTL_DAYS: 'journeyTtlDays',
  OKAYLIVE_JOURNEY_MAX_ATTEMPTS: 'journeyMaxAttempts',
  OKAYLIVE_MAX_UPLOADS: 'maxUploads',
  OKAYLIVE_MAX_UPLOADS_PER_CLIENT: 'maxUploadsPerClient',
  OKAYLIVE_MIN_BODY_RATE: 'minBodyRate.bytesPerSecond',
  OKAYLIVE_BODY_RATE_WINDOW_MS: 'minBodyRate.windowMs',
  OKAYLIVE_BODY_RATE_GRACE_MS: 'minBodyRate.graceMs',
  OKAYLIVE_RESEND_WINDOW_MS: 'resendWindowMs',
  OKAYLIVE_TRUST_PROXY: 'trustProxy',
  OKAYLIVE_REQUIREMENTS: 'requirements',
  OKAYLIVE_HANDOFF: 'handoff.enabled',
  OKAYLIVE_HANDOFF_TTL_S: 'handoff.ttlMs',
  OKAYLIVE_HANDOFF_PAGE: 'handoff.page',
};

/** Where an option counts in other units than its variable, the expectation in the option's own. */
const EXPECTATION_OF: Readonly<Record<string, string>> = {
  OKAYLIVE_HANDOFF_TTL_S: 'milliseconds: 60000 to 3600000, in whole seconds',
};

const str = (value: number | undefined): string | undefined => (value === undefined ? undefined : String(value));
const onOff = (value: boolean | undefined): string | undefined =>
  value === undefined ? undefined : value ? 'on' : 'off';
/** The variable counts seconds: a TTL that is no whole number of them is refused (as a fraction), not rounded. */
const seconds = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : String(ms / 1000));

/** The options as the variables they stand for, so one set of checks refuses both alike. */
function asEnv(o: OkayLiveServerOptions): Env {
  const env: Record<string, string | undefined> = {
    OKAYLIVE_BASE_URL: o.upstream?.baseUrl,
    OKAYLIVE_USERNAME: o.upstream?.username,
    OKAYLIVE_PASSWORD: o.upstream?.password,
    OKAYLIVE_UPSTREAM_TIMEOUT_MS: str(o.upstream?.timeoutMs),
    OKAYLIVE_REDIS_URL: o.redisUrl,
    OKAYLIVE_ALLOWED_ORIGINS: o.allowedOrigins?.join(','),
    OKAYLIVE_ANSWER_MODE: o.answerMode ?? 'verdict-only',
    OKAYLIVE_JOURNEY_ROUTE: onOff(o.journeyRoute),
    OKAYLIVE_JOURNEY_RATE_PER_MINUTE: str(o.journeysPerMinute),
    OKAYLIVE_JOURNEY_TTL_DAYS: str(o.journeyTtlDays),
    OKAYLIVE_JOURNEY_MAX_ATTEMPTS: str(o.journeyMaxAttempts),
    OKAYLIVE_MAX_UPLOADS: str(o.maxUploads),
    OKAYLIVE_MAX_UPLOADS_PER_CLIENT: str(o.maxUploadsPerClient),
    OKAYLIVE_MIN_BODY_RATE: str(o.minBodyRate?.bytesPerSecond),
    OKAYLIVE_BODY_RATE_WINDOW_MS: str(o.minBodyRate?.windowMs),
    OKAYLIVE_BODY_RATE_GRACE_MS: str(o.minBodyRate?.graceMs),
    OKAYLIVE_RESEND_WINDOW_MS: str(o.resendWindowMs),
    OKAYLIVE_TRUST_PROXY: str(o.trustProxy),
    OKAYLIVE_REQUIREMENTS: o.requirements === undefined ? undefined : JSON.stringify(o.requirements),
    OKAYLIVE_HANDOFF: onOff(o.handoff?.enabled),
    OKAYLIVE_HANDOFF_TTL_S: seconds(o.handoff?.ttlMs),
    OKAYLIVE_HANDOFF_PAGE: o.handoff?.page,
    // Analysis threads belong to the engine (okaylive-capture-server/reference), not to the API.
    OKAYLIVE_LOG: o.logger === 'off' ? 'off' : 'on',
  };
  return env;
}

/** The server's config from a host's options; a ConfigError names the option, never its value. */
export function configFromOptions(options: OkayLiveServerOptions): ServerConfig {
  try {
    return readConfig(asEnv(options));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const [variable = '', ...rest] = error.message.split(': ');
    throw new ConfigError(OPTION_OF[variable] ?? variable, EXPECTATION_OF[variable] ?? rest.join(': '));
  }
}

export function loggerOf(options: OkayLiveServerOptions): Logger {
  if (options.logger === 'off') return silentLogger;
  if (options.logger === undefined || options.logger === 'json') return jsonLogger();
  return options.logger;
}
