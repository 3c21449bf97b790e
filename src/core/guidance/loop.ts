import type { AnalysisClient, FrameAnalysis } from '../analysis/client/client.ts';
import type { Measurement, MotionSample } from '../analysis/measure/measure.ts';
import type { FaceGeometry } from '../analysis/types.ts';
import type { CropPlan } from '../capture/crop.ts';
import { CROP_MIN_HEIGHT } from '../capture/limits.ts';
import type { RuleCode } from '../rules/codes.ts';
import { evaluate, passingRowIds, type Evaluation } from '../rules/evaluate.ts';
import { DEFAULT_REQUIREMENTS, type Requirements } from '../rules/requirements.ts';
import { RULES, type Readings } from '../rules/table.ts';
import { INITIAL_HINT, nextHint, wantedHint, type HintState } from './hint.ts';
import { analysisSize, type FrameFeed, type Sample } from './sampler.ts';
import type { FrameSnapshot, RuleState } from './types.ts';
import { emptyWindow, STABLE_WINDOW, stepWindow, type WindowState } from './window.ts';

/** A frame worth capturing: its full-size crop and what the rules read on it. */
export interface Candidate {
  bitmap: ImageBitmap;
  plan: CropPlan;
  readings: Readings;
  /** Where the analysis found the face, in crop pixels: the still is checked against it. */
  face: FaceGeometry | null;
  /** Rule failures at the limits (what the server re-check would say): empty when compliant. */
  failures: RuleCode[];
  score: number;
}

export interface GuidanceOptions {
  /** Where frames come from: the camera preview in a browser, a script in tests. */
  feed: FrameFeed;
  analysis: AnalysisClient;
  /** Every analysed frame's snapshot; the hint lives in it and nowhere else. */
  /** The status of the analysis is not the loop's: the session's runner adds it. */
  publish(snapshot: FrameSnapshot): void;
  /** The stable window is complete: capture this frame. The callee owns (and closes) the bitmap. */
  onStable(best: Candidate): void;
  /** Auto-capture off: guide only. */
  autoCapture?: boolean;
  /** The rules and the stable window's length, with the host's overrides; the table's by default. */
  requirements?: Requirements;
  doc?: VisibilityDoc | undefined;
}

/** The part of `document` the loop reads to pause while the tab is hidden. */
export type VisibilityDoc = Pick<Document, 'hidden' | 'addEventListener' | 'removeEventListener'>;

export interface Guidance {
  stop(): void;
  /** The latest analysed frame's readings and limit failures (for a manual capture's metadata). */
  latest(): { readings: Readings; failures: RuleCode[] } | null;
}

function ruleStates(evaluation: Evaluation): RuleState[] {
  return evaluation.rows.map(({ row, value, pass, pending }) => ({
    id: row.id,
    code: row.code,
    reading: row.reading,
    unit: row.unit,
    value,
    limit: row.limit,
    target: row.target,
    pass,
    pending,
    serverOnly: row.guidance === false,
  }));
}

/** Frames the per-frame analysis time's median is taken over. */
const MEDIAN_FRAMES = 31;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return 0;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function waitVisible(doc: GuidanceOptions['doc']): Promise<void> {
  return new Promise((resolve) => {
    if (!doc || !doc.hidden) return resolve();
    const on = () => {
      if (doc.hidden) return;
      doc.removeEventListener('visibilitychange', on);
      resolve();
    };
    doc.addEventListener('visibilitychange', on);
  });
}

/**
 * The guidance loop: sample a frame, analyse it in the worker, check the rules, pick one hint,
 * grow the stable window, and hand over the best frame once the window is long enough. One
 * frame in flight at a time, so a slow device analyses fewer frames rather than queueing them.
 */
export function startGuidance(options: GuidanceOptions): Guidance {
  const doc = options.doc;
  const { rows: rules, stableWindowMs } = options.requirements ?? DEFAULT_REQUIREMENTS;
  const windowRule = { durationMs: stableWindowMs, minFrames: STABLE_WINDOW.minFrames };
  let running = true;
  let previous: MotionSample | null = null;
  let passing = new Set<string>();
  let hint: HintState = INITIAL_HINT;
  let win: WindowState<Candidate> = emptyWindow<Candidate>();
  let wantFull = false;
  let frame = 0;
  let latest: { readings: Readings; failures: RuleCode[] } | null = null;
  const times: number[] = [];
  const recentMs: number[] = [];

  const release = (items: Candidate[]) => {
    for (const c of items) c.bitmap.close();
  };

  const handle = (sample: Sample, result: FrameAnalysis): void => {
    const m: Measurement = result.measurement;
    const analysisMs = result.ms;
    recentMs.push(analysisMs);
    if (recentMs.length > MEDIAN_FRAMES) recentMs.shift();
    // Readings the worker could not take yet (the mesh is still loading) are pending, not passed.
    const pending = m.pending ?? [];
    const guide = evaluate(m.readings, { mode: 'guide', previouslyPassing: passing, pending, rules });
    // Only a frame the mesh has read feeds the Schmitt trigger: the detector's estimates of size
    // and place must reach their targets on their own, and never hold a row the mesh would fail.
    if (pending.length === 0) passing = passingRowIds(guide);
    const limitFailures = evaluate(m.readings, { mode: 'limit', pending, rules }).failures;
    latest = { readings: m.readings, failures: limitFailures };
    previous = m.motionSample;
    hint = nextHint(
      hint,
      wantedHint(guide, m.face, { width: sample.plan.width, height: sample.plan.height }),
      sample.at,
    );

    const score = result.score;
    const item: Candidate | null = result.full
      ? { bitmap: result.full, plan: sample.plan, readings: m.readings, face: m.face, failures: limitFailures, score }
      : null;
    const step = stepWindow(win, { at: sample.at, compliant: guide.compliant, score, item }, windowRule);
    win = step.state;
    release(step.dropped);
    wantFull = guide.compliant && options.autoCapture !== false;

    frame += 1;
    times.push(sample.at);
    while (times.length > 0 && (times[0] ?? 0) < sample.at - 1000) times.shift();
    const first = times[0] ?? sample.at;
    const fps = times.length > 1 ? ((times.length - 1) * 1000) / Math.max(1, sample.at - first) : 0;

    options.publish({
      frame,
      at: sample.at,
      readings: m.readings,
      rules: ruleStates(guide),
      face: m.face,
      crop: { width: sample.plan.width, height: sample.plan.height },
      hint: hint.shown,
      compliant: guide.compliant,
      pending: guide.pending,
      fps,
      analysisMs,
      analysisMsMedian: median(recentMs),
      analysisMemory: result.memory ?? null,
      window: {
        startedAt: win.startedAt,
        durationMs: win.startedAt === null ? 0 : sample.at - win.startedAt,
        requiredMs: stableWindowMs,
        scores: win.points,
      },
      best: win.best ? { at: win.best.at, score: win.best.score } : null,
      lowResolution: sample.plan.height < CROP_MIN_HEIGHT,
    });

    if (step.ready && options.autoCapture !== false && win.best?.item) {
      const best = win.best.item;
      win = emptyWindow<Candidate>();
      running = false;
      options.onStable(best);
    }
  };

  const loop = async (): Promise<void> => {
    while (running) {
      if (doc?.hidden) {
        // Paused while hidden: no frames analysed, and the window starts afresh on return.
        release(win.best?.item ? [win.best.item] : []);
        win = emptyWindow<Candidate>();
        previous = null;
        await waitVisible(doc);
        continue;
      }
      if (!options.feed.pendingFrame?.()) await options.feed.nextFrame();
      if (!running) break;
      let result: FrameAnalysis | null = null;
      try {
        const sample = await options.feed.sample();
        if (!sample) continue;
        if (!running) {
          sample.frame.close();
          break;
        }
        const { plan } = sample;
        result = await options.analysis.analyseFrame(sample.frame, {
          region: { sx: plan.sx, sy: plan.sy, sw: plan.sw, sh: plan.sh },
          analysisSize: analysisSize(plan),
          crop: { width: plan.width, height: plan.height },
          keep: wantFull,
          keepAbove: win.best?.item ? win.best.score : null,
          ...(rules === RULES ? {} : { rules }),
          at: sample.at,
          previous,
        });
        if (!running) {
          result.full?.close();
          break;
        }
        handle(sample, result);
      } catch {
        result?.full?.close();
        // A frame can fail on its own; only analysis that is gone for good ends the loop.
        if (options.analysis.stage === 'unavailable') break;
      }
    }
  };

  // Frames go to the worker as soon as the detector is in: the first hints need nothing more.
  void options.analysis.detectorReady.then((ok) => {
    if (ok && running) void loop();
  });

  return {
    stop() {
      running = false;
      release(win.best?.item ? [win.best.item] : []);
      win = emptyWindow<Candidate>();
    },
    latest: () => latest,
  };
}
