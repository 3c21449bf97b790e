import type { AnalysisOutcome } from '../reference/analyse.ts';
import type { Engine } from '../reference/engine.ts';
import { Gate, type Busy } from '../reference/gate.ts';

/**
 * An engine whose analysis the test controls, behind the real admission gate: for tests of
 * the HTTP layer (saturation, headers) that must not depend on how fast a model runs.
 */
export function stubEngine(
  options: { slots?: number; queue?: number; maxWaitMs?: number; analyse?: () => Promise<AnalysisOutcome> } = {},
): Engine & { calls: number } {
  const gate = new Gate(options.slots ?? 1, options.queue ?? 0, options.maxWaitMs ?? 60_000);
  const answer =
    options.analyse ??
    (async (): Promise<AnalysisOutcome> => ({
      kind: 'answer',
      answer: { kind: 'success', probability: 0.8, quality: 0.7, score: Math.log(4) },
      notes: { width: 960, height: 1280, faces: 1, failures: [], aspects: null, decodeMs: 0, detectMs: 0 },
    }));
  const engine = {
    calls: 0,
    ready: Promise.resolve(),
    get saturated() {
      return gate.saturated;
    },
    busy: (): Busy => gate.busy(),
    get load() {
      return { ...gate.load, threads: options.slots ?? 1 };
    },
    analyse(_bytes: Uint8Array) {
      engine.calls += 1;
      return gate.run(answer);
    },
    close: async () => undefined,
  };
  return engine;
}
