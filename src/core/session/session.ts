import { createOkayLiveClient, type OkayLiveClient } from '../api/client.ts';
import { createRequests } from '../api/requests.ts';
import { canResend, resendsOnNewJourney } from '../api/resend.ts';
import { afterStreamError, chooseCamera } from '../camera/choice.ts';
import { createCameraControl, type CameraStream } from '../camera/control.ts';
import { recallCamera, rememberCamera } from '../camera/remember.ts';
import { stopStreams } from '../camera/tracks.ts';
import type { FrameFeed } from '../guidance/sampler.ts';
import { createCaptureProducers } from './capture.ts';
import { createSessionClocks } from './clocks.ts';
import { browserEnvironment, type SessionEnvironment } from './environment.ts';
import { createGuidanceRunner } from './guidance-runner.ts';
import { createSessionHandoff } from './handoff.ts';
import { createNotifier } from './notify.ts';
import { sameOverrides, settleRequirements } from './requirements.ts';
import { stamped } from './still-guard.ts';
import { clientOptions, MANUAL_CAPTURE_AFTER_MS, sameClientOptions, type SessionOptions } from './options.ts';
import { deriveSnapshot, stableSnapshot, type SessionSnapshot } from './snapshot.ts';
import { createSessionStore, LIVE_PHASES, move, type Phase, type SessionData } from './store.ts';
import type { Capture, WidgetError } from './types.ts';

/**
 * One selfie step: the camera, guidance, the capture and its check, for one widget. Views read
 * `getSnapshot()` and call the commands; nothing else decides anything. Commands that the
 * current state does not allow are ignored (a double click, a late camera callback).
 */
export interface CaptureSession {
  getSnapshot(): SessionSnapshot;
  subscribe(listener: () => void): () => void;
  /** The API client built from the host's options (for hosts calling the requests themselves). */
  readonly client: OkayLiveClient;
  /** Starts watching the page (devices, permission), preloads analysis, honours autoStart; returns the stop. */
  mount(): () => void;
  /** New host options (props): callbacks, journeyId, API options, camera choice, capture settings. */
  update(options: SessionOptions): void;
  /** Asks for the camera, after checking what can be known before asking. */
  start(): void;
  /** Takes the selfie from the current camera frame (the capture button). */
  captureNow(): Promise<void>;
  /** A photo instead of a camera frame (the fallback after a camera fault). */
  choosePhoto(file: Blob): Promise<void>;
  /** "Try again": resends the kept capture, when the failure allows it. */
  retry(): Promise<void>;
  /** Drops the capture and its answer and goes back to the camera (also: try the camera again). */
  retake(): void;
  /** Leaves the step: camera off, request aborted, nothing more sent; tells the host. */
  cancel(): void;
  selectCamera(deviceId: string): void;
  /** The preview got a stream (react-webcam's onUserMedia) and its frames. */
  cameraStarted(stream: CameraStream, feed: FrameFeed): void;
  /** The preview's getUserMedia failed. */
  cameraFailed(error: unknown): void;
  /** Hands the step to the person's phone (a QR code and a short code); again: a new code. */
  continueOnPhone(): void;
  /** On the phone page: the code the person typed from the desktop's screen. */
  enterHandoffCode(code: string): void;
}

export function createCaptureSession(
  initial: SessionOptions = {},
  environment: Partial<SessionEnvironment> = {},
): CaptureSession {
  const env = browserEnvironment(environment);
  let options = initial;
  const chosen = options.cameraDeviceId ?? (options.rememberCamera ? recallCamera(env.storage) : undefined);
  const store = createSessionStore({ journeyId: options.journeyId, cameraDeviceId: chosen });
  let client = createOkayLiveClient(clientOptions(options));
  let handoff: ReturnType<typeof createSessionHandoff> | null = null;
  let abort: AbortController | null = null;
  let mounted = false;
  const cleanups: Array<() => void> = [];
  const listeners = new Set<() => void>();
  const notifier = createNotifier(() => options);
  const set = (patch: Partial<SessionData>) => store.setState(patch);
  /** The rules in force; an error here keeps the widget from starting until the host fixes them. */
  let settled = settleRequirements(options.requirements);

  const requests = createRequests({
    queryClient: env.queryClient,
    client: () => client,
    now: env.now,
    shrink: env.shrink,
    onJourney: (journeyId) => set({ journeyId }),
    onSmaller: (upload) => set({ upload }),
  });

  const camera = createCameraControl({
    env: env.camera,
    read: () => store.getState().camera,
    write: (state) => set({ camera: state }),
    onEnded: () => {
      if (LIVE_PHASES.has(store.getState().phase)) fail({ code: 'CAMERA_ENDED', source: 'camera', retryable: true });
    },
    onGranted: () => {
      const { phase, failure } = store.getState();
      if (phase === 'failed' && failure?.code === 'CAMERA_DENIED') move(store, 'camera_starting', { failure: null });
    },
    onCorrected: () => move(store, 'camera_starting'),
  });

  let snapshot: SessionSnapshot = derive();
  function derive(): SessionSnapshot {
    return deriveSnapshot({
      data: store.getState(),
      check: requests.check.getCurrentResult(),
      journey: requests.journey.getCurrentResult(),
      manualAtOnce: options.autoCapture === false || (options.manualCaptureAfterMs ?? MANUAL_CAPTURE_AFTER_MS) <= 0,
      // A phone is where the selfie is taken, not a device to hand it on from.
      handoff: options.handoff === 'offer' && !env.camera.handheld,
      now: env.now(),
      online: env.connectivity.online(),
    });
  }
  function recompute(): void {
    const next = stableSnapshot(snapshot, derive());
    if (next !== snapshot) {
      snapshot = next;
      if (mounted) notifier.tell(next);
      for (const listener of listeners) listener();
    }
    if (mounted) clocks.follow();
  }

  const clocks = createSessionClocks({
    store,
    now: env.now,
    resendAt: () => (snapshot.resendIn > 0 ? snapshot.error?.retryAt : undefined),
    recompute: () => recompute(),
  });

  function fail(error: WidgetError, patch: Partial<SessionData> = {}): void {
    move(store, 'failed', { ...patch, failure: error });
  }

  const guidance = createGuidanceRunner({
    env,
    store,
    options: () => options,
    requirements: () => settled.requirements,
    onStable: (best) => void produce.best(best),
  });

  /** False, after telling the host and the developer, when the host's requirements cannot apply. */
  function requirementsHold(): boolean {
    if (!settled.error) return true;
    console.warn(`[okaylive] ${settled.error.detail}`);
    fail(settled.error);
    return false;
  }

  /** What follows from entering or leaving a phase, wherever the move came from. */
  function onPhase(from: Phase, to: Phase): void {
    clocks.phaseChanged(from, to);
    if (from === 'ready') {
      guidance.stop();
      guidance.clearManualTimer();
    }
    if (to === 'camera_starting') {
      set({ manualTimedOut: false });
      produce.resetStills();
    }
    const feed = camera.feed();
    if (to === 'ready' && feed) {
      guidance.start(feed);
      guidance.armManualTimer();
    }
    // Anywhere but the phone's answer arriving, leaving the handoff screen revokes the code.
    if (from === 'handoff' && to !== 'captured') handoff?.withdraw();
    if (LIVE_PHASES.has(from) && !LIVE_PHASES.has(to)) {
      camera.stop();
    }
  }
  store.subscribe((state, previous) => {
    if (state.phase !== previous.phase) onPhase(previous.phase, state.phase);
    recompute();
  });
  requests.check.subscribe(recompute);
  requests.journey.subscribe(recompute);

  handoff = createSessionHandoff({
    store,
    options: () => options,
    requests,
    env: env.handoff,
    now: env.now,
    onKey: () => {
      client = createOkayLiveClient(handoff?.clientOptions(options) ?? clientOptions(options));
    },
    onClosed: () => leave(),
  });
  const sessionHandoff = handoff;

  function kept(capture: Capture, stillsRejected: number): void {
    const patch = { capture: stamped(capture, guidance.analysis(), stillsRejected), upload: null, photoBusy: false };
    if (move(store, 'captured', patch) && options.autoSubmit !== false) void submit();
  }

  const produce = createCaptureProducers({
    env,
    store,
    camera,
    guidance,
    requirements: () => settled.requirements,
    fail,
    kept,
  });

  /** Sends the kept capture; after a failure only when the policy allows a resend (or `journeyChanged`). */
  async function submit(journeyChanged = false): Promise<void> {
    const { phase, capture, upload, journeyId } = store.getState();
    if (phase !== 'captured' || !capture || abort) return;
    const check = requests.check.getCurrentResult();
    if (check.status === 'success') return;
    if (check.status === 'error' && !journeyChanged && !canResend(check.error, true, env.now())) return;
    const current = new AbortController();
    abort = current;
    // The phone's journey is the desktop's, bound on the server: never renewed from here.
    const owner = options.journeyId || options.handoff === 'phone' ? 'host' : 'widget';
    try {
      await requests.submit({
        image: upload ?? capture.blob,
        source: capture.blob,
        journeyId,
        owner,
        signal: current.signal,
      });
    } catch {
      // The failure is the check's own state: the snapshot and the host read it from there.
    } finally {
      if (abort === current) abort = null;
    }
    // A verdict: the worker and its memory go back to the phone until a retake asks again.
    if (requests.check.getCurrentResult().status === 'success') guidance.dispose();
  }

  /** Aborts the request in flight and forgets both requests' state: a late answer reaches no one. */
  function dropRequests(): void {
    abort?.abort();
    abort = null;
    requests.reset();
  }

  /** The loop starts again on the running camera's frames (new rules, auto-capture switched). */
  function restartGuidance(): void {
    const feed = camera.feed();
    if (guidance.running() && feed) guidance.start(feed);
  }

  function leave(): void {
    dropRequests();
    guidance.clearManualTimer();
    set({ phase: 'idle', capture: null, upload: null, failure: null, photoBusy: false });
  }

  function leaveOnUnmount(): void {
    mounted = false;
    leave();
    camera.stop();
    guidance.dispose();
    notifier.dispose();
    clocks.stop();
    for (const cleanup of cleanups.splice(0)) cleanup();
  }

  const session: CaptureSession = {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get client() {
      return client;
    },
    mount() {
      mounted = true;
      cleanups.push(camera.watch());
      cleanups.push(sessionHandoff.mount());
      cleanups.push(env.connectivity.subscribe(recompute));
      if (options.preloadAnalysis !== false) guidance.analysis();
      notifier.tell(snapshot);
      if (!requirementsHold()) return leaveOnUnmount;
      if (options.autoStart && store.getState().phase === 'idle') session.start();
      return leaveOnUnmount;
    },
    update(next) {
      const previous = options;
      options = next;
      if (!sameClientOptions(previous, next)) client = createOkayLiveClient(sessionHandoff.clientOptions(next));
      if (next.journeyId && next.journeyId !== store.getState().journeyId && snapshot.status !== 'submitting') {
        set({ journeyId: next.journeyId });
        if (resendsOnNewJourney(snapshot.error, snapshot.capture !== null)) void submit(true);
      }
      if (next.cameraDeviceId !== undefined && next.cameraDeviceId !== previous.cameraDeviceId)
        session.selectCamera(next.cameraDeviceId);
      // Permission to remember can arrive after mount (an attribute set by the page's script).
      if (next.rememberCamera && !previous.rememberCamera && !store.getState().camera.explicit) {
        const recalled = recallCamera(env.storage);
        if (recalled !== undefined) set({ camera: chooseCamera(store.getState().camera, recalled) });
      }
      if (!sameOverrides(previous.requirements, next.requirements)) {
        settled = settleRequirements(next.requirements);
        if (!settled.error && store.getState().failure?.code === 'REQUIREMENTS_INVALID')
          move(store, 'idle', { failure: null });
        // The loop restarts on the new rules (and a new stable window).
        else if (mounted && requirementsHold()) restartGuidance();
      }
      if (next.autoCapture !== previous.autoCapture) restartGuidance();
      recompute();
    },
    start() {
      if (!requirementsHold() || !sessionHandoff.phoneReady()) return;
      const blocked = env.precondition();
      if (blocked) {
        // For the developer who opened the page over http: the person sees the catalogue text.
        if (blocked === 'CAMERA_INSECURE_CONTEXT')
          console.warn('[okaylive] the camera needs a secure context: serve this page over https (or localhost)');
        if (blocked === 'CAMERA_BLOCKED_BY_PAGE')
          console.warn('[okaylive] this frame may not use the camera: embed it with allow="camera"');
        fail({ code: blocked, source: 'camera', retryable: false });
        return;
      }
      guidance.analysis();
      move(store, 'camera_starting', { failure: null });
    },
    captureNow: () => produce.now(),
    choosePhoto: (file) => produce.photo(file),
    retry: () => submit(),
    retake() {
      dropRequests();
      move(store, 'camera_starting', { capture: null, upload: null, failure: null });
    },
    cancel() {
      leave();
      // The step is left: the worker's memory is given back (Start makes a new one).
      guidance.dispose();
      options.onCancel?.();
    },
    selectCamera(deviceId) {
      if (options.rememberCamera) rememberCamera(env.storage, deviceId);
      set({ camera: chooseCamera(store.getState().camera, deviceId) });
      // The preview restarts on the new device: no capture until it is up.
      if (store.getState().phase === 'ready') move(store, 'camera_starting');
    },
    cameraStarted(started, frames) {
      if (!mounted || !LIVE_PHASES.has(store.getState().phase)) {
        // A stream that arrived after the step was left: the camera light goes off at once.
        stopStreams([started]);
        return;
      }
      camera.started(started, frames);
      const phase = store.getState().phase;
      // A capture under way reads the new feed itself; moving to ready would drop the press.
      if (phase === 'capturing') return;
      // Already ready (a second stream for the same preview): guidance follows the new one.
      if (!move(store, 'ready') && phase === 'ready') guidance.start(frames);
    },
    continueOnPhone: () => sessionHandoff.offer(),
    enterHandoffCode: (code) => sessionHandoff.enterCode(code),
    cameraFailed(error) {
      const { phase, camera: state } = store.getState();
      const failure = afterStreamError(state, error, phase === 'camera_starting');
      set({ camera: failure.state });
      if (failure.kind === 'fault') fail({ code: failure.code, source: 'camera', retryable: failure.retryable });
    },
  };
  return session;
}
