import type { RuleRow } from '../rules/table.ts';
import type { Measurement, MotionSample } from './measure/measure.ts';

/** Messages between the analysis client (page) and the face-analysis worker. */
export type ToWorker =
  | { type: 'init'; assetsBaseUrl: string }
  /** The widget is done: close the frames still in hand, then the worker itself. */
  | { type: 'dispose' }
  | {
      type: 'analyse';
      id: number;
      /** A whole camera frame (or still); transferred, and closed by the worker. */
      bitmap: FrameSource;
      request: FrameRequest;
    };

/** A camera frame as a VideoFrame (zero-copy where supported) or an ImageBitmap. */
export type FrameSource = ImageBitmap | VideoFrame;

/**
 * What to do with one frame. Cropping and scaling happen in the worker, so the page's main
 * thread only grabs the frame.
 */
export interface FrameRequest {
  /** The portrait crop's rectangle in the frame. */
  region: { sx: number; sy: number; sw: number; sh: number };
  /** Size the crop is scaled to for analysis. */
  analysisSize: { width: number; height: number };
  /** Size of the crop that would be uploaded: readings come back in its pixels. */
  crop: { width: number; height: number };
  /** Also return the crop at upload size (a capture candidate)... */
  keep: boolean;
  /** ...when the frame's score beats this one (the window's best so far; null: any score). */
  keepAbove: number | null;
  /** The rows the frame score reads, when a host changed them (the score must match the loop's). */
  rules?: readonly RuleRow[];
  at: number;
  previous: MotionSample | null;
}

/**
 * `detector-ready`: frames can be analysed; until `ready` their mesh readings come back
 * pending (Measurement.pending). `ready`: the mesh is in too. `failed` may follow
 * `detector-ready` (the mesh did not load): analysis is then unavailable.
 */
export type FromWorker =
  | { type: 'detector-ready'; backend: string; loadMs: number }
  | { type: 'ready'; backend: string; loadMs: number }
  | { type: 'failed'; reason: AnalysisFailure; detail: string }
  | {
      type: 'result';
      id: number;
      measurement: Measurement;
      score: number;
      ms: number;
      full: ImageBitmap | null;
      memory: WorkerMemory | null;
    }
  | { type: 'error'; id: number; detail: string };

/**
 * What the worker's models hold after a frame: live tfjs tensors and their bytes, and the WASM
 * heap (which grows to the largest input ever seen and never shrinks). Read every frame: a
 * count that climbs is a leak, a heap far above the models' size is a frame copied whole.
 */
export interface WorkerMemory {
  tensors: number;
  tensorBytes: number;
  /** Null where the backend does not say. */
  wasmHeapBytes: number | null;
}

/** Why guidance is unavailable; the widget then offers manual capture. */
export type AnalysisFailure = 'NO_WASM' | 'NO_WORKER' | 'LOAD_FAILED' | 'LOAD_TIMEOUT' | 'WRONG_BACKEND';
