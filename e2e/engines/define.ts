import type {
  PlaywrightTestArgs,
  PlaywrightTestOptions,
  PlaywrightWorkerArgs,
  PlaywrightWorkerOptions,
  TestType,
} from '@playwright/test';
import { engineGate, type Found } from './availability.ts';
import type { Check } from './checks.ts';
import type { EngineDriver } from './driver.ts';

type EngineTest<W> = TestType<
  PlaywrightTestArgs & PlaywrightTestOptions & { engine: EngineDriver },
  PlaywrightWorkerArgs & PlaywrightWorkerOptions & W
>;

/**
 * One test per check, for one engine. An engine this machine lacks is skipped here, saying
 * why, and fails in CI before any of its tests runs (engineGate).
 */
export function defineChecks<W>(
  test: EngineTest<W>,
  checks: readonly Check[],
  install?: { label: string; found: Found<object> },
): void {
  if (install) {
    const gate = engineGate(install.label, install.found);
    test.skip(gate.skip !== null, gate.skip ?? '');
    test.beforeAll(() => {
      if (gate.fail) throw new Error(gate.fail);
    });
  }
  for (const check of checks) {
    test(check.name, async ({ engine, baseURL }, info) => {
      if (!baseURL) throw new Error('the engine checks need use.baseURL (playwright.config.ts)');
      await check.run(engine, { baseURL, info });
    });
  }
}
