import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig, readServeConfig } from './config.ts';

const UPSTREAM = {
  OKAYLIVE_BASE_URL: 'https://ekycportaldemo.innov8tif.com/',
  OKAYLIVE_USERNAME: 'u',
  OKAYLIVE_PASSWORD: 'p',
};

describe('readConfig', () => {
  it('defaults: reference engine, 14-day journeys, route on at 30 a minute, bounded analysis', () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      mode: 'reference',
      upstream: null,
      journeyTtlMs: 14 * 86_400_000,
      journeyMaxAttempts: 10,
      journeyRoute: { enabled: true, perMinute: 30 },
      trustProxyHops: 0,
      analysis: { queue: 64, maxWaitMs: 15_000 },
      uploads: { max: 64, perClient: 8, minRate: { bytesPerSecond: 4096, windowMs: 5_000, graceMs: 2_000 } },
      resendWindowMs: 300_000,
      redisUrl: null,
      answerMode: null,
      allowedOrigins: [],
      handoff: { enabled: true, ttlMs: 600_000, page: '/phone' },
      log: 'json',
    });
    expect(config.analysis.threads).toBeGreaterThanOrEqual(1);
  });

  it('shared state, answer mode, origins and upload bounds', () => {
    expect(
      readConfig({
        OKAYLIVE_REDIS_URL: 'redis://:pw@127.0.0.1:6390/2',
        OKAYLIVE_ANSWER_MODE: 'verdict-only',
        OKAYLIVE_ALLOWED_ORIGINS: ' https://bank.example , http://localhost:3000,',
        OKAYLIVE_MAX_UPLOADS: '16',
        OKAYLIVE_MAX_UPLOADS_PER_CLIENT: '2',
        OKAYLIVE_RESEND_WINDOW_MS: '60000',
      }),
    ).toMatchObject({
      redisUrl: 'redis://:pw@127.0.0.1:6390/2',
      answerMode: 'verdict-only',
      allowedOrigins: ['https://bank.example', 'http://localhost:3000'],
      uploads: { max: 16, perClient: 2 },
      resendWindowMs: 60_000,
    });
    expect(readConfig({ OKAYLIVE_ANSWER_MODE: 'full' }).answerMode).toBe('full');
    expect(readConfig({ OKAYLIVE_REDIS_URL: 'rediss://cache.internal:6380' }).redisUrl).toBe(
      'rediss://cache.internal:6380',
    );
  });

  it('upstream mode with all three variables; 25 s timeout unless set', () => {
    expect(readConfig(UPSTREAM)).toMatchObject({
      mode: 'upstream',
      upstream: { baseUrl: 'https://ekycportaldemo.innov8tif.com', username: 'u', password: 'p', timeoutMs: 25_000 },
    });
    expect(readConfig({ ...UPSTREAM, OKAYLIVE_UPSTREAM_TIMEOUT_MS: '250' }).upstream?.timeoutMs).toBe(250);
  });

  it.each([
    ['half an upstream configuration', { OKAYLIVE_BASE_URL: 'https://x.example' }],
    [
      'credentials over plain http to another host',
      { ...UPSTREAM, OKAYLIVE_BASE_URL: 'http://ekycportal.innov8tif.com' },
    ],
    ['a base URL with credentials in it', { ...UPSTREAM, OKAYLIVE_BASE_URL: 'https://a:b@x.example' }],
    ['a TTL that is not a number', { OKAYLIVE_JOURNEY_TTL_DAYS: 'two weeks' }],
    ['zero threads', { OKAYLIVE_ANALYSIS_THREADS: '0' }],
    ['an on/off that is neither', { OKAYLIVE_JOURNEY_ROUTE: 'maybe' }],
    ['a Redis URL of another scheme', { OKAYLIVE_REDIS_URL: 'http://a:b@cache:6379' }],
    ['a Redis URL that is not one', { OKAYLIVE_REDIS_URL: 'a:b@cache' }],
    ['an answer mode that is neither', { OKAYLIVE_ANSWER_MODE: 'maybe' }],
    ['an origin with a path', { OKAYLIVE_ALLOWED_ORIGINS: 'https://bank.example/maybe' }],
    ['an origin with a trailing slash', { OKAYLIVE_ALLOWED_ORIGINS: 'https://maybe.example/' }],
    ['a wildcard origin', { OKAYLIVE_ALLOWED_ORIGINS: 'https://*.maybe.example' }],
    ['an origin without a scheme', { OKAYLIVE_ALLOWED_ORIGINS: 'maybe.example' }],
    ['zero uploads', { OKAYLIVE_MAX_UPLOADS: '0' }],
    ['a handoff switch that is neither', { OKAYLIVE_HANDOFF: 'maybe' }],
    ['a handoff TTL under a minute', { OKAYLIVE_HANDOFF_TTL_S: '59' }],
    ['a handoff TTL over an hour', { OKAYLIVE_HANDOFF_TTL_S: '3601' }],
    ['a handoff TTL in fractions', { OKAYLIVE_HANDOFF_TTL_S: '90.5' }],
    ['a handoff page that is neither path nor URL', { OKAYLIVE_HANDOFF_PAGE: 'maybe' }],
    ['a handoff page that is another host (//)', { OKAYLIVE_HANDOFF_PAGE: '//maybe.example/phone' }],
    ['a handoff page with a query', { OKAYLIVE_HANDOFF_PAGE: '/phone?maybe' }],
    ['a handoff page with a fragment', { OKAYLIVE_HANDOFF_PAGE: 'https://maybe.example/phone#x' }],
    ['a handoff page of another scheme', { OKAYLIVE_HANDOFF_PAGE: 'javascript:maybe' }],
    ['a handoff page with credentials', { OKAYLIVE_HANDOFF_PAGE: 'https://a:b@maybe.example/phone' }],
  ])('refuses %s, naming the variable and not its value', (_name, env) => {
    let error: unknown;
    try {
      readConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(String(error)).toMatch(/OKAYLIVE_/);
    expect(String(error)).not.toMatch(/two weeks|a:b|maybe|cache/);
  });

  it("requirement overrides: the widget's JSON, refused at start with the row and the bound", () => {
    expect(readConfig({}).analysis.rules).toBeUndefined();
    const rules = readConfig({ OKAYLIVE_REQUIREMENTS: '{"yaw":{"limit":15,"target":10}}' }).analysis.rules;
    expect(rules?.find((r) => r.id === 'yaw')).toMatchObject({ limit: { max: 15 }, target: { max: 10 } });
    expect(() => readConfig({ OKAYLIVE_REQUIREMENTS: '{"yaw":{"limit":40}}' })).toThrow(
      /OKAYLIVE_REQUIREMENTS.*yaw.*between 5 and 20/,
    );
    expect(() => readConfig({ OKAYLIVE_REQUIREMENTS: 'yaw=15' })).toThrow(/OKAYLIVE_REQUIREMENTS.*not JSON/);
  });

  it.each([
    [{ OKAYLIVE_HANDOFF: 'off' }, { enabled: false, ttlMs: 600_000, page: '/phone' }],
    [{ OKAYLIVE_HANDOFF_TTL_S: '60' }, { enabled: true, ttlMs: 60_000 }],
    [{ OKAYLIVE_HANDOFF_TTL_S: '3600' }, { ttlMs: 3_600_000 }],
    [{ OKAYLIVE_HANDOFF_PAGE: '/selfie/phone' }, { page: '/selfie/phone' }],
    [{ OKAYLIVE_HANDOFF_PAGE: 'https://bank.example/selfie?step=3' }, { page: 'https://bank.example/selfie?step=3' }],
    [{ OKAYLIVE_HANDOFF_PAGE: 'http://localhost:3000' }, { page: 'http://localhost:3000/' }],
  ])('handoff settings %j', (env, handoff) => {
    expect(readConfig(env).handoff).toMatchObject(handoff);
  });

  it('plain http is allowed to this machine (the fake Innov8tif in tests)', () => {
    expect(readConfig({ ...UPSTREAM, OKAYLIVE_BASE_URL: 'http://127.0.0.1:4100' }).upstream?.baseUrl).toBe(
      'http://127.0.0.1:4100',
    );
  });

  it('switches: journey route off, proxy hops, fractional TTL, log off', () => {
    const config = readConfig({
      OKAYLIVE_JOURNEY_ROUTE: 'off',
      OKAYLIVE_TRUST_PROXY: '1',
      OKAYLIVE_JOURNEY_TTL_DAYS: '0.5',
      OKAYLIVE_LOG: 'off',
    });
    expect(config).toMatchObject({
      journeyRoute: { enabled: false },
      trustProxyHops: 1,
      journeyTtlMs: 43_200_000,
      log: 'off',
    });
  });
});

describe('readServeConfig', () => {
  it('defaults to port 8080 on all interfaces, dist/, no framing, no HSTS', () => {
    expect(readServeConfig({})).toEqual({
      port: 8080,
      host: '0.0.0.0',
      staticDir: 'dist',
      frameAncestors: "'none'",
      hsts: false,
      maxConnections: 1000,
      headersTimeoutMs: 15_000,
      requestTimeoutMs: 60_000,
    });
    expect(() => readServeConfig({ OKAYLIVE_HEADERS_TIMEOUT_MS: '61000' })).toThrow(ConfigError);
  });

  it('takes frame-ancestors sources and refuses anything that could end the directive', () => {
    expect(readServeConfig({ OKAYLIVE_FRAME_ANCESTORS: "'self' https://bank.example" }).frameAncestors).toBe(
      "'self' https://bank.example",
    );
    expect(() => readServeConfig({ OKAYLIVE_FRAME_ANCESTORS: "'self'; script-src *" })).toThrow(ConfigError);
  });
});
