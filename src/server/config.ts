/** Server settings, all from environment variables (documented in the README). */
export interface UpstreamConfig {
  baseUrl: string;
  username: string;
  password: string;
  timeoutMs: number;
}

export interface ServerConfig {
  mode: 'reference' | 'upstream';
  upstream: UpstreamConfig | null;
  /** How long a reference journeyId stays valid. */
  journeyTtlMs: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const baseUrl = env.OKAYLIVE_BASE_URL?.trim();
  const username = env.OKAYLIVE_USERNAME ?? '';
  const password = env.OKAYLIVE_PASSWORD ?? '';
  const journeyTtlDays = Number(env.OKAYLIVE_JOURNEY_TTL_DAYS ?? 14);
  const journeyTtlMs = (Number.isFinite(journeyTtlDays) && journeyTtlDays > 0 ? journeyTtlDays : 14) * DAY_MS;
  if (baseUrl && username && password) {
    return {
      mode: 'upstream',
      upstream: { baseUrl: baseUrl.replace(/\/+$/, ''), username, password, timeoutMs: 30_000 },
      journeyTtlMs,
    };
  }
  return { mode: 'reference', upstream: null, journeyTtlMs };
}
