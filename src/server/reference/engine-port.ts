import type { AnalysisOutcome } from './analyse.ts';
import type { RuleRow } from '../../core/rules/table.ts';
import type { Busy } from './gate.ts';

/**
 * What the API needs of the reference engine. Apart from the engine itself (worker threads,
 * the models), so the API can be loaded without the analysis stack: upstream-only hosts never
 * install it.
 */
export interface Engine {
  /** Starts the threads (idempotent); resolves once a thread has loaded the models. */
  readonly ready: Promise<void>;
  /** True when an upload arriving now would be refused: checked before reading its body. */
  readonly saturated: boolean;
  busy(): Busy;
  /** One upload's outcome under `rules` (the table's when absent: a host's overrides otherwise). */
  analyse(bytes: Uint8Array, rules?: readonly RuleRow[]): Promise<AnalysisOutcome | Busy>;
  readonly load: { running: number; waiting: number; threads: number };
  close(): Promise<void>;
}

export function isBusy(value: unknown): value is Busy {
  return typeof value === 'object' && value !== null && 'busy' in value && value.busy === true;
}
