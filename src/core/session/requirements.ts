import { DEFAULT_REQUIREMENTS, resolveRequirements, type Requirements } from '../rules/requirements.ts';
import type { RequirementsInvalid } from './types.ts';

/** The rules a widget applies, or why the host's overrides cannot be applied (defaults meanwhile). */
export type SettledRequirements = { requirements: Requirements; error: RequirementsInvalid | null };

export function settleRequirements(overrides: unknown): SettledRequirements {
  const result = resolveRequirements(overrides);
  if (result.ok) return { requirements: result.requirements, error: null };
  const { problem } = result;
  return {
    requirements: DEFAULT_REQUIREMENTS,
    error: {
      code: 'REQUIREMENTS_INVALID',
      source: 'config',
      retryable: false,
      requirement: problem,
      detail: problem.detail,
    },
  };
}

/** Overrides compared by value: hosts often pass a fresh literal on every render. */
export function sameOverrides(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
