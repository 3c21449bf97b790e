import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import type { AnalysisConfig } from '../config/config.ts';
import type { AnalysisOutcome } from './analyse.ts';
import { isBusy, type Engine } from './engine-port.ts';
import { Gate } from './gate.ts';
import type { AnalysisTask } from './worker.ts';

export { isBusy, type Engine };
// sharp must be loaded by the main thread before any worker loads it (its native library
// would otherwise be unloaded when a worker exits); image-check imports it.
import '../upload/image-check.ts';

/** An analysis that does not finish in this time is abandoned (the thread is replaced). */
const TASK_TIMEOUT_MS = 20_000;

/**
 * A file next to this module. Not `new URL('./x', import.meta.url)`: bundlers take that for an
 * asset to copy, and the server package must not ship the source thread's tsx loader.
 */
function besideThisFile(name: string): URL {
  return pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), name));
}

type Pool = Piscina<AnalysisTask | { ping: true }, AnalysisOutcome | 'ready'>;

/**
 * The reference engine: `threads` worker threads, each holding Human's models, behind an
 * admission gate. The event loop only parses HTTP; decoding and inference run in the threads.
 * The threads start on first use (`ready`, or an upload), not on construction: Vitest runs
 * Vite's configureServer hooks too, and unit tests must not pay for model loading.
 */
export function createEngine(config: AnalysisConfig, files: { worker?: URL } = {}): Engine {
  const gate = new Gate(config.threads, config.queue, config.maxWaitMs);
  let started: { pool: Pool; ready: Promise<void> } | null = null;
  const start = (): { pool: Pool; ready: Promise<void> } => {
    if (started) return started;
    const pool: Pool = new Piscina({
      // The built server package has its thread's script compiled; here tsx loads the source.
      filename: (files.worker ?? besideThisFile('worker-entry.mjs')).href,
      minThreads: config.threads,
      maxThreads: config.threads,
      // Threads hold the loaded models: they must never be retired for idleness.
      idleTimeout: Number.POSITIVE_INFINITY,
      // Tasks are async (sharp, tfjs promises): the thread must keep its event loop between them.
      atomics: 'disabled',
    });
    const ready = pool.run({ ping: true }).then(() => undefined);
    // A failed start is reported to whoever awaits `ready` or sends an upload, not as an unhandled rejection.
    ready.catch(() => undefined);
    started = { pool, ready };
    return started;
  };

  return {
    get ready() {
      return start().ready;
    },
    get saturated() {
      return gate.saturated;
    },
    busy: () => gate.busy(),
    get load() {
      return { ...gate.load, threads: config.threads };
    },
    analyse(bytes, rules) {
      const { pool, ready } = start();
      return gate.run(async () => {
        await ready;
        // A copy the thread can own: the caller's Buffer may be a slice of a shared pool.
        const own = new Uint8Array(bytes);
        const outcome = await pool.run(
          { bytes: own, ...(rules ? { rules } : {}) },
          { transferList: [own.buffer], signal: AbortSignal.timeout(TASK_TIMEOUT_MS) },
        );
        if (outcome === 'ready') throw new Error('analysis thread answered a ping to an upload');
        return outcome;
      });
    },
    close: async () => {
      await started?.pool.destroy();
      started = null;
    },
  };
}
