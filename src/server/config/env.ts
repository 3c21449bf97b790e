/** Reading environment variables into typed settings; a value that cannot be used stops the start. */

/** A setting that cannot be used; names the variable, never echoes its value. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(variable: string, expectation: string) {
    super(`${variable}: ${expectation}`);
    this.name = 'ConfigError';
  }
}

export type Env = Readonly<Record<string, string | undefined>>;

export function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

export function number(
  env: Env,
  name: string,
  fallback: number,
  check: (n: number) => boolean,
  expectation: string,
): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || !check(value)) throw new ConfigError(name, expectation);
  return value;
}

export const positive = (n: number): boolean => n > 0;
export const positiveInt = (n: number): boolean => Number.isInteger(n) && n > 0;
export const nonNegativeInt = (n: number): boolean => Number.isInteger(n) && n >= 0;

export function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = text(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'true', 'on', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'off', 'no'].includes(raw)) return false;
  throw new ConfigError(name, 'expected on or off');
}

export function oneOf<T extends string>(env: Env, name: string, values: readonly T[]): T | null {
  const raw = text(env, name)?.toLowerCase();
  if (raw === undefined) return null;
  const found = values.find((v) => v === raw);
  if (found === undefined) throw new ConfigError(name, `one of ${values.join(', ')}`);
  return found;
}
