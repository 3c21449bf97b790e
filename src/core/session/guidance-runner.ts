import type { AnalysisClient } from '../analysis/client/client.ts';
import { startGuidance, type Candidate, type Guidance } from '../guidance/loop.ts';
import type { FrameFeed } from '../guidance/sampler.ts';
import type { Requirements } from '../rules/requirements.ts';
import { IDLE_SNAPSHOT, type AnalysisFields, type GuidanceSnapshot } from '../guidance/types.ts';
import { analysisNotice } from './analysis-notice.ts';
import type { SessionEnvironment } from './environment.ts';
import { MANUAL_CAPTURE_AFTER_MS, type SessionOptions } from './options.ts';
import type { SessionStore } from './store.ts';

export interface GuidanceRunnerDeps {
  env: SessionEnvironment;
  store: SessionStore;
  options(): SessionOptions;
  /** The rules in force: the table with the host's overrides. */
  requirements(): Requirements;
  /** The stable window is complete: capture this frame (the callee closes the bitmap). */
  onStable(best: Candidate): void;
}

/** The session's face analysis: the worker client, the guidance loop over the camera's frames, and the manual-capture timer. */
export interface GuidanceRunner {
  /** The analysis client, created on first need (at mount when preloading, else with the camera). */
  analysis(): AnalysisClient;
  /** Runs the loop on this feed (stopping any loop that ran before). */
  start(feed: FrameFeed): void;
  stop(): void;
  running(): boolean;
  /** The latest analysed frame's readings and limit failures (a manual capture's metadata). */
  latest(): ReturnType<Guidance['latest']>;
  /** Offers the capture button after `manualCaptureAfterMs` without an automatic capture. */
  armManualTimer(): void;
  clearManualTimer(): void;
  /**
   * Ends the loop, the timer and the worker, giving back its WASM memory (unmount, cancel, a
   * verdict). A later need (a retake, a photo) makes a new worker, its files from the HTTP cache.
   */
  dispose(): void;
}

/** The analysis status as the store holds it: mirror() alone writes it; the other writes carry it over. */
function statusIn(guidance: GuidanceSnapshot): Pick<GuidanceSnapshot, AnalysisFields> {
  return { analysis: guidance.analysis, stage: guidance.stage, analysisFailure: guidance.analysisFailure };
}

export function createGuidanceRunner({
  env,
  store,
  options,
  requirements,
  onStable,
}: GuidanceRunnerDeps): GuidanceRunner {
  let client: AnalysisClient | null = null;
  let unsubscribe: (() => void) | null = null;
  let loop: Guidance | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const mirror = (from: AnalysisClient) => {
    const { guidance, notice } = store.getState();
    // Every way guidance is lost reaches the host once (onError / okaylive-error); a client
    // disposed at unmount has no failure and says nothing.
    if (from.status === 'unavailable' && from.failure && !notice) {
      const cause = from.failureDetail ?? null;
      const next = analysisNotice(from.failure, cause);
      console.warn(`[okaylive] ${next.detail}`);
      store.setState({ notice: next });
    }
    if (
      guidance.analysis !== from.status ||
      guidance.stage !== from.stage ||
      guidance.analysisFailure !== from.failure
    ) {
      store.setState({
        guidance: { ...guidance, analysis: from.status, stage: from.stage, analysisFailure: from.failure },
      });
    }
  };

  const runner: GuidanceRunner = {
    analysis() {
      if (client) return client;
      const { assetsBaseUrl, workerUrl } = options();
      const created = env.createAnalysis({
        ...(assetsBaseUrl === undefined ? {} : { assetsBaseUrl }),
        ...(workerUrl === undefined ? {} : { workerUrl }),
      });
      client = created;
      mirror(created);
      unsubscribe = created.subscribeStage(() => mirror(created));
      return created;
    },
    start(feed) {
      runner.stop();
      const analysis = runner.analysis();
      // A new camera session: the last one's readings no longer describe anything.
      store.setState({ guidance: { ...IDLE_SNAPSHOT, ...statusIn(store.getState().guidance) } });
      loop = startGuidance({
        feed,
        analysis,
        autoCapture: options().autoCapture !== false,
        requirements: requirements(),
        doc: env.doc,
        publish: (next) => store.setState({ guidance: { ...next, ...statusIn(store.getState().guidance) } }),
        onStable,
      });
    },
    stop() {
      loop?.stop();
      loop = null;
    },
    running: () => loop !== null,
    latest: () => loop?.latest() ?? null,
    armManualTimer() {
      const after = options().manualCaptureAfterMs ?? MANUAL_CAPTURE_AFTER_MS;
      if (timer || after <= 0 || store.getState().manualTimedOut) return;
      timer = setTimeout(() => store.setState({ manualTimedOut: true }), after);
    },
    clearManualTimer() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
    dispose() {
      runner.stop();
      runner.clearManualTimer();
      unsubscribe?.();
      unsubscribe = null;
      client?.dispose();
      client = null;
    },
  };
  return runner;
}
