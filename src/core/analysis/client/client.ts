import { evaluate, type Evaluation } from '../../rules/evaluate.ts';
import type { RuleRow } from '../../rules/table.ts';
import { DEFAULT_ASSETS_BASE_URL, normaliseAssetsBaseUrl } from '../assets.ts';
import { latch } from './latch.ts';
import type { Measurement } from '../measure/measure.ts';
import type { AnalysisFailure, FrameRequest, FrameSource, FromWorker, ToWorker, WorkerMemory } from '../protocol.ts';
import { ANALYSIS_HEIGHT } from '../measure/scale.ts';
import { workerAddress } from './worker-url.ts';

/** `ready`: every model is in (the detector and the mesh). */
export type AnalysisStatus = 'loading' | 'ready' | 'unavailable';

/**
 * Finer than the status: `detector` means frames can be analysed already, with the mesh's
 * readings pending (Measurement.pending: pass it to evaluate()) until `ready`.
 */
export type AnalysisStage = 'loading' | 'detector' | 'ready' | 'unavailable';

/** Performance marks the client sets, for a host's own timing (and the guidance benchmark). */
export const ANALYSIS_MARKS = { detector: 'okaylive:analysis-detector', ready: 'okaylive:analysis-ready' } as const;

/** How long a disposed worker has to close the frames it holds before it is ended. */
export const DISPOSE_GRACE_MS = 3000;

export interface StillAnalysis {
  measurement: Measurement;
  /** The rules at their limits, as the server re-check applies them. */
  evaluation: Evaluation;
  width: number;
  height: number;
}

export interface FrameAnalysis {
  measurement: Measurement;
  /** The frame score under the request's rules (the one the window picks its best by), scored once, in the worker. */
  score: number;
  /** The crop at upload size (only when `request.keep` and the frame beats `request.keepAbove`); the caller closes it. */
  full: ImageBitmap | null;
  /** Time in the worker, ms. */
  ms: number;
  /** What the worker's models hold after this frame (absent from stand-ins). */
  memory?: WorkerMemory | null;
}

export interface AnalysisClient {
  readonly status: AnalysisStatus;
  readonly stage: AnalysisStage;
  readonly failure: AnalysisFailure | null;
  /** What went wrong, in the engine's or the worker's words, for the developer (with `failure`). */
  readonly failureDetail?: string | null;
  /** Resolves true once every model is loaded, false when analysis is unavailable. */
  readonly ready: Promise<boolean>;
  /** Resolves true once frames can be analysed (the detector is in), false when analysis is unavailable first. */
  readonly detectorReady: Promise<boolean>;
  subscribe(listener: (status: AnalysisStatus) => void): () => void;
  subscribeStage(listener: (stage: AnalysisStage) => void): () => void;
  /**
   * Analyses one frame (transferred): the worker crops and scales it, so the page only grabs
   * it. Readings in `request.crop` pixels; `full` is the crop at upload size when asked for
   * (never while the mesh is pending). Accepted from the `detector` stage on.
   */
  analyseFrame(frame: FrameSource, request: FrameRequest): Promise<FrameAnalysis>;
  /** Runs the same rules, at their limits, on a whole still (the image-file fallback). */
  /** A still checked at the limits of `rules` (the table's by default). */
  analyseStill(image: ImageBitmap | Blob, rules?: readonly RuleRow[]): Promise<StillAnalysis>;
  dispose(): void;
}

export interface AnalysisClientOptions {
  /** Where the models and WASM live; same origin by default. */
  assetsBaseUrl?: string;
  /**
   * Give up when loading takes longer (a hung fetch or a worker that never answers). The
   * manual button appears long before this (manualCaptureAfterMs), so a slow network only
   * delays guidance; it does not block the person.
   */
  loadTimeoutMs?: number;
  /** For tests and hosts with their own bundling: how to start the worker. */
  createWorker?: () => Worker;
  /** Where the worker file is served, when the bundled address cannot be used (worker-url.ts). */
  workerUrl?: string;
}

/**
 * `Worker` here is a stand-in that checks the address first (worker-url.ts): the expression
 * keeps the `new Worker(new URL(…, import.meta.url))` shape bundlers look for to emit the file.
 */
function defaultWorker(place: { assetsBaseUrl: string; workerUrl?: string | undefined }): Worker {
  const page = globalThis.location?.href ?? 'http://localhost/';
  const Worker = class extends globalThis.Worker {
    constructor(bundled: URL, options: WorkerOptions) {
      super(workerAddress({ bundled, page, ...place }), options);
    }
  };
  return new Worker(new URL('../worker/worker.ts', import.meta.url), { type: 'module', name: 'okaylive-analysis' });
}

function mark(name: string): void {
  try {
    globalThis.performance?.mark?.(name);
  } catch {
    // Marks are for timing only.
  }
}

/**
 * One worker per widget, loaded once; every request is answered or rejected, never left
 * hanging. Needs no camera: create it at mount, so the worker, WASM and models load while
 * the person reads the intro and answers the camera prompt.
 */
export function createAnalysisClient(options: AnalysisClientOptions = {}): AnalysisClient {
  let status: AnalysisStatus = 'loading';
  let stage: AnalysisStage = 'loading';
  let failure: AnalysisFailure | null = null;
  let failureDetail: string | null = null;
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (m: FrameAnalysis) => void; reject: (e: Error) => void }>();
  const listeners = new Set<(s: AnalysisStatus) => void>();
  const stageListeners = new Set<(s: AnalysisStage) => void>();
  const [ready, settle] = latch<boolean>();
  const [detectorReady, settleDetector] = latch<boolean>();

  const setStage = (next: AnalysisStage): void => {
    stage = next;
    for (const l of stageListeners) l(next);
  };

  const setStatus = (next: AnalysisStatus, why: AnalysisFailure | null = null, detail: string | null = null): void => {
    if (status !== 'loading') return;
    status = next;
    failure = why;
    failureDetail = detail;
    settle(next === 'ready');
    settleDetector(next === 'ready');
    if (next === 'unavailable') {
      worker?.terminate();
      worker = null;
      for (const p of pending.values()) p.reject(new Error('analysis unavailable'));
      pending.clear();
    } else mark(ANALYSIS_MARKS.ready);
    setStage(next);
    for (const l of listeners) l(next);
  };

  const detectorIn = (): void => {
    if (stage !== 'loading') return;
    mark(ANALYSIS_MARKS.detector);
    settleDetector(true);
    setStage('detector');
  };

  const base = normaliseAssetsBaseUrl(
    options.assetsBaseUrl ?? DEFAULT_ASSETS_BASE_URL,
    globalThis.location?.href ?? 'http://localhost/',
  );
  const timeoutMs = options.loadTimeoutMs ?? 60_000;
  const timer = setTimeout(
    () => setStatus('unavailable', 'LOAD_TIMEOUT', `no answer from the worker in ${timeoutMs} ms`),
    timeoutMs,
  );
  void ready.then(() => clearTimeout(timer));

  if (typeof WebAssembly !== 'object') setStatus('unavailable', 'NO_WASM', 'WebAssembly is not available on the page');
  else {
    try {
      worker = options.createWorker
        ? options.createWorker()
        : defaultWorker({ assetsBaseUrl: base, workerUrl: options.workerUrl });
      worker.onmessage = (event: MessageEvent<FromWorker>) => {
        const m = event.data;
        if (m.type === 'detector-ready') detectorIn();
        else if (m.type === 'ready') setStatus('ready');
        else if (m.type === 'failed') {
          // The session tells the host (ANALYSIS_UNAVAILABLE with the fix); the person sees "guidance unavailable" and the manual button.
          setStatus('unavailable', m.reason, m.detail);
        } else {
          const p = pending.get(m.id);
          pending.delete(m.id);
          if (m.type === 'result') {
            if (p) p.resolve({ measurement: m.measurement, score: m.score, full: m.full, ms: m.ms, memory: m.memory });
            else m.full?.close();
          } else p?.reject(new Error(m.detail));
        }
      };
      // A worker script that failed to load or threw while starting (404, MIME type, CSP worker-src).
      worker.onerror = (event) =>
        setStatus('unavailable', 'LOAD_FAILED', event.message || 'the worker script failed to load or start');
      const init: ToWorker = { type: 'init', assetsBaseUrl: base };
      worker.postMessage(init);
    } catch (error) {
      setStatus('unavailable', 'NO_WORKER', error instanceof Error ? error.message : String(error));
    }
  }

  const analyseFrame: AnalysisClient['analyseFrame'] = (bitmap, request) =>
    new Promise<FrameAnalysis>((resolve, reject) => {
      if (!worker || (stage !== 'detector' && stage !== 'ready')) {
        bitmap.close();
        reject(new Error('analysis not ready'));
        return;
      }
      const id = nextId++;
      pending.set(id, { resolve, reject });
      const message: ToWorker = { type: 'analyse', id, bitmap, request };
      worker.postMessage(message, [bitmap]);
    });

  return {
    get status() {
      return status;
    },
    get stage() {
      return stage;
    },
    get failure() {
      return failure;
    },
    get failureDetail() {
      return failureDetail;
    },
    ready,
    detectorReady,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    subscribeStage(listener) {
      stageListeners.add(listener);
      return () => stageListeners.delete(listener);
    },
    analyseFrame,
    async analyseStill(image, rules) {
      if (!(await ready)) throw new Error('analysis unavailable');
      const source = image instanceof Blob ? await createImageBitmap(image, { imageOrientation: 'from-image' }) : image;
      const { width, height } = source;
      const scale = Math.min(1, ANALYSIS_HEIGHT / height);
      // The worker takes (and closes) what it is given: hand it a copy of a caller's bitmap.
      const frame = image instanceof Blob ? source : await createImageBitmap(source);
      const { measurement } = await analyseFrame(frame, {
        region: { sx: 0, sy: 0, sw: width, sh: height },
        analysisSize: {
          width: Math.max(1, Math.round(width * scale)),
          height: Math.max(1, Math.round(height * scale)),
        },
        crop: { width, height },
        keep: false,
        keepAbove: null,
        at: 0,
        previous: null,
      });
      return {
        measurement,
        evaluation: evaluate(measurement.readings, { mode: 'limit', ...(rules ? { rules } : {}) }),
        width,
        height,
      };
    },
    dispose() {
      clearTimeout(timer);
      setStatus('unavailable', null);
      const ending = worker;
      worker = null;
      for (const p of pending.values()) p.reject(new Error('analysis disposed'));
      pending.clear();
      if (!ending) return;
      // Frames already handed over belong to the worker, and a worker ended with a camera frame
      // in hand never gives that frame's buffer back (a few MB per widget in Chromium): it is
      // asked to close them and then itself, and ended anyway if it does not.
      const bye: ToWorker = { type: 'dispose' };
      ending.postMessage(bye);
      setTimeout(() => ending.terminate(), DISPOSE_GRACE_MS);
    },
  };
}
