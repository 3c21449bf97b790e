import type { AnalysisStage, AnalysisStatus } from '../analysis/client/client.ts';
import type { AnalysisFailure, WorkerMemory } from '../analysis/protocol.ts';
import type { FaceGeometry } from '../analysis/types.ts';
import type { RuleCode } from '../rules/codes.ts';
import type { Bound, ReadingKey, Readings } from '../rules/table.ts';

export type { AnalysisFailure, AnalysisStage, AnalysisStatus };

/** One rule row as checked on the latest analysed frame (guide mode). */
export interface RuleState {
  id: string;
  code: RuleCode;
  reading: ReadingKey;
  unit: string;
  value: number | null;
  limit: Bound;
  target: Bound;
  pass: boolean;
  /** No reading yet (the face mesh is still loading): neither passing nor failing. */
  pending: boolean;
  /** Checked by the server only: guidance neither hints it nor waits for it. */
  serverOnly: boolean;
}

/**
 * Which way the person should move, in their own terms on the mirrored preview (their right is
 * the preview's right). `move-*`: the whole face; `turn-*`: the head around its vertical axis;
 * `chin-*`: nodding; `tilt-*`: towards a shoulder.
 */
export type HintMove =
  | 'move-left'
  | 'move-right'
  | 'move-up'
  | 'move-down'
  | 'turn-left'
  | 'turn-right'
  | 'chin-up'
  | 'chin-down'
  | 'tilt-left'
  | 'tilt-right';

/** The hint shown: a rule code, the row that caused it (e.g. `roll` → "Keep your head level"), and which way to move when that is known. */
export interface Hint {
  code: RuleCode;
  row: string;
  move?: HintMove;
}

export interface WindowPoint {
  at: number;
  score: number;
}

/** The analysis client's status in a snapshot: written by the session's runner only, from the client. */
export type AnalysisFields = 'analysis' | 'stage' | 'analysisFailure';

/** What the loop knows after one analysed frame: the snapshot without the analysis status. */
export type FrameSnapshot = Omit<GuidanceSnapshot, AnalysisFields>;

/**
 * Everything guidance knows after one analysed frame. Published in the widget's store and to
 * `onGuidance`, so a host (or the demo console) sees exactly what the widget acts on.
 */
export interface GuidanceSnapshot {
  /** `ready` once every model is in. */
  analysis: AnalysisStatus;
  /** Finer: `detector` means frames are analysed already, the mesh's readings pending. */
  stage: AnalysisStage;
  /** Why analysis is unavailable (missing file, timeout, no WASM...), for the host's logs. */
  analysisFailure: AnalysisFailure | null;
  /** Analysed frames so far. */
  frame: number;
  /** performance.now() of the latest analysed frame. */
  at: number;
  readings: Readings | null;
  rules: RuleState[];
  /** The measured face in crop pixels. */
  face: FaceGeometry | null;
  /** The portrait crop that would be uploaded: the coordinate space of `face` and `readings`. */
  crop: { width: number; height: number } | null;
  hint: Hint | null;
  /** Every blocking rule holds on this frame (guide mode). */
  compliant: boolean;
  /** Rows still waiting for a reading (the face mesh is loading): no capture until they have one. */
  pending: string[];
  /** Analysed frames per second over the last second or so. */
  fps: number;
  /** Analysis time of the latest frame in the worker, ms. */
  analysisMs: number;
  /** Median analysis time in the worker over the last 31 frames, ms (steadier than one frame's). */
  analysisMsMedian: number;
  /** What the worker's models held after the latest frame (null before one, or from a stand-in). */
  analysisMemory: WorkerMemory | null;
  /** The current stable window: scores of its compliant frames, oldest first. */
  window: { startedAt: number | null; durationMs: number; requiredMs: number; scores: WindowPoint[] };
  /** The best frame of the window so far (the one auto-capture will send). */
  best: WindowPoint | null;
  /** The camera's crop is under the contract's 800 px: said once, captured anyway. */
  lowResolution: boolean;
}

export const IDLE_SNAPSHOT: GuidanceSnapshot = {
  analysis: 'loading',
  stage: 'loading',
  analysisFailure: null,
  frame: 0,
  at: 0,
  readings: null,
  rules: [],
  face: null,
  crop: null,
  hint: null,
  compliant: false,
  pending: [],
  fps: 0,
  analysisMs: 0,
  analysisMsMedian: 0,
  analysisMemory: null,
  window: { startedAt: null, durationMs: 0, requiredMs: 0, scores: [] },
  best: null,
  lowResolution: false,
};
