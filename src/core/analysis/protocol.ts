import type { Measurement, MotionSample } from './measure.ts';

/** Messages between the analysis client (page) and the face-analysis worker. */
export type ToWorker =
  | { type: 'init'; assetsBaseUrl: string }
  | {
      type: 'analyse';
      id: number;
      /** The portrait crop, downscaled for analysis; transferred, and closed by the worker. */
      bitmap: ImageBitmap;
      /** Size of the crop that would be uploaded: readings come back in its pixels. */
      crop: { width: number; height: number };
      at: number;
      previous: MotionSample | null;
    };

export type FromWorker =
  | { type: 'ready'; backend: string; loadMs: number }
  | { type: 'failed'; reason: AnalysisFailure; detail: string }
  | { type: 'result'; id: number; measurement: Measurement; ms: number }
  | { type: 'error'; id: number; detail: string };

/** Why guidance is unavailable; the widget then offers manual capture. */
export type AnalysisFailure = 'NO_WASM' | 'NO_WORKER' | 'LOAD_FAILED' | 'LOAD_TIMEOUT' | 'WRONG_BACKEND';
