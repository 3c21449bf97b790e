/**
 * okaylive-capture-server/reference: the reference engine, a development stand-in for OkayLive
 * that runs the widget's own requirement rules and face models on the server (worker threads).
 * Not a certified liveness check. Needs the optional peer dependencies @vladmandic/human,
 * @vladmandic/face-api, @tensorflow/tfjs-core, -converter and -backend-wasm, and piscina.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConfigError } from '../config/config.ts';
import { createEngine } from '../reference/engine.ts';
import type { Engine } from '../reference/engine-port.ts';

export type { Engine };

export interface ReferenceEngineOptions {
  /** Worker threads running the models (default: 2, or the core count if fewer). */
  threads?: number;
  /** Uploads that may wait for a thread (default 64); one more is answered 503. */
  queue?: number;
  /** An upload that waited this long for a thread is answered 503 (default 15000 ms). */
  maxWaitMs?: number;
}

function whole(name: keyof ReferenceEngineOptions, value: number | undefined, fallback: number, least: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < least) throw new ConfigError(name, `a whole number of at least ${least}`);
  return value;
}

/** The analysis thread's script beside this file in the package; absent when run from source. */
const BUILT_WORKER = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), 'reference-worker.js'));

/** The models load in the threads on first use (or `engine.ready`); the API closes the engine with itself. */
export function referenceEngine(options: ReferenceEngineOptions = {}): Engine {
  const config = {
    threads: whole('threads', options.threads, Math.min(2, availableParallelism()), 1),
    queue: whole('queue', options.queue, 64, 0),
    maxWaitMs: whole('maxWaitMs', options.maxWaitMs, 15_000, 1),
  };
  return createEngine(config, existsSync(fileURLToPath(BUILT_WORKER)) ? { worker: BUILT_WORKER } : {});
}
