import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Which engines this machine has, as e2e/setup/prepare.mjs found or installed them
 * (e2e/.cache/engines.json). Chromium is the suite's own browser and always there.
 */
export interface FirefoxInstall {
  executablePath: string;
  version: string;
}

export interface WebKitInstall {
  /** WebKitWebDriver, MiniBrowser and Xvfb. */
  driver: string;
  binary: string;
  xvfb: string;
  /** The Debian package version of WebKitGTK. */
  version: string;
}

export type Found<T> = T | { missing: string };

export interface Engines {
  firefox: Found<FirefoxInstall>;
  webkit: Found<WebKitInstall>;
}

export const ENGINES_FILE = join('e2e', '.cache', 'engines.json');

export function isMissing<T extends object>(found: Found<T>): found is { missing: string } {
  return 'missing' in found;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function strings<K extends string>(value: unknown, keys: readonly K[]): Record<K, string> | null {
  if (!isRecord(value)) return null;
  const out: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const v = value[key];
    if (typeof v !== 'string') return null;
    out[key] = v;
  }
  return out as Record<K, string>;
}

function found<K extends string>(value: unknown, keys: readonly K[]): Found<Record<K, string>> {
  if (isRecord(value) && typeof value.missing === 'string') return { missing: value.missing };
  return strings(value, keys) ?? { missing: `${ENGINES_FILE} does not describe it: run node e2e/setup/prepare.mjs` };
}

export function readEngines(file = ENGINES_FILE): Engines {
  const none = `${file} is missing: run node e2e/setup/prepare.mjs (as root it installs the engines)`;
  if (!existsSync(file)) return { firefox: { missing: none }, webkit: { missing: none } };
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const record = isRecord(parsed) ? parsed : {};
  return {
    firefox: found(record.firefox, ['executablePath', 'version'] as const),
    webkit: found(record.webkit, ['driver', 'binary', 'xvfb', 'version'] as const),
  };
}

/** In CI a missing engine fails the run; on a developer's machine its checks are skipped, saying why. */
export const ENGINE_REQUIRED = Boolean(process.env.CI);

/** Whether an engine's checks run, are skipped (here, saying why) or fail (CI, saying why). */
export function engineGate(label: string, engine: Found<object>): { skip: string | null; fail: string | null } {
  if (!isMissing(engine)) return { skip: null, fail: null };
  const why = `${label} is not available: ${engine.missing}`;
  return ENGINE_REQUIRED ? { skip: null, fail: `${why} (CI needs every engine)` } : { skip: why, fail: null };
}
