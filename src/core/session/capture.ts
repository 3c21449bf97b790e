import type { CameraControl } from '../camera/control.ts';
import { captureCamera, encodeCapture, wholePlan, type FrameFacts } from '../capture/meta.ts';
import { readPhoto } from '../capture/photo.ts';
import type { Candidate } from '../guidance/loop.ts';
import type { Still } from '../guidance/sampler.ts';
import type { Requirements } from '../rules/requirements.ts';
import type { SessionEnvironment } from './environment.ts';
import type { GuidanceRunner } from './guidance-runner.ts';
import { expectationOf, STILL_ATTEMPTS, STILL_WAIT_MS, STILL_WAITS, stillSendable } from './still-guard.ts';
import { move, type SessionData, type SessionStore } from './store.ts';
import type { Capture, WidgetError } from './types.ts';

export interface CaptureProducersDeps {
  env: SessionEnvironment;
  store: SessionStore;
  camera: CameraControl;
  guidance: GuidanceRunner;
  requirements(): Requirements;
  fail(error: WidgetError, patch?: Partial<SessionData>): void;
  /** A capture that may be sent; `stillsRejected` is how many blank stills came before it. */
  kept(capture: Capture, stillsRejected: number): void;
}

/** The three ways a selfie is made: the stable window's best frame, the capture button, a chosen photo. */
export interface CaptureProducers {
  /** The camera (re)started: earlier blank stills no longer count. */
  resetStills(): void;
  best(candidate: Candidate): Promise<void>;
  now(): Promise<void>;
  photo(file: Blob): Promise<void>;
}

export function createCaptureProducers({
  env,
  store,
  camera,
  guidance,
  requirements,
  fail,
  kept,
}: CaptureProducersDeps): CaptureProducers {
  /** Stills read back blank (or not the analysed picture) since the camera (re)started: never sent. */
  let stillRejected = 0;
  const capturing = () => store.getState().phase === 'capturing';

  const cameraFacts = (still: Still | null): FrameFacts['camera'] =>
    still ? captureCamera(still.camera, camera.stream()?.getVideoTracks()[0]) : null;

  /**
   * A still that read back blank is never sent. Counted; after STILL_ATTEMPTS the person is told
   * (CAPTURE_BLANK). False: stop trying.
   */
  function refused(patch: Partial<SessionData> = {}): boolean {
    stillRejected += 1;
    if (stillRejected < STILL_ATTEMPTS) return true;
    fail({ code: 'CAPTURE_BLANK', source: 'capture', retryable: true }, patch);
    return false;
  }

  return {
    resetStills() {
      stillRejected = 0;
    },
    async best(candidate) {
      try {
        if (!move(store, 'capturing')) return;
        const facts: FrameFacts = {
          mode: 'auto',
          camera: cameraFacts(camera.feed()?.still() ?? null),
          readings: candidate.readings,
          failures: candidate.failures,
          score: candidate.score,
        };
        const capture = await encodeCapture(candidate.bitmap, wholePlan(candidate.bitmap), facts, env.encode);
        const sendable = await stillSendable(env.probe, capture.blob, expectationOf(candidate));
        if (!capturing()) return;
        if (sendable) kept(capture, stillRejected);
        // Back to the camera: guidance restarts and the next compliant frame is taken instead.
        else if (refused()) move(store, 'ready');
      } catch {
        fail({ code: 'CAPTURE_FAILED', source: 'capture', retryable: true });
      } finally {
        candidate.bitmap.close();
      }
    },
    async now() {
      const latest = guidance.latest();
      if (!camera.feed() || !move(store, 'capturing')) return;
      // A still that reads back blank is retried on the next frame, without another press.
      for (let waits = 0; ;) {
        // The preview's stream can be replaced mid-capture (cameraStarted): read the current one.
        const source = camera.feed();
        if (!source) return;
        // Draw a frame the video has just presented: right after the stream starts (or switches
        // camera) the element may hold no frame yet, or a stale one.
        await source.nextFrame(source.still() ? 500 : STILL_WAIT_MS);
        if (!capturing()) return;
        const still = (camera.feed() ?? source).still();
        if (!still) {
          // A press is never dropped while the preview is still coming up.
          waits += 1;
          if (waits < STILL_WAITS) continue;
          move(store, 'ready');
          return;
        }
        try {
          const facts: FrameFacts = {
            mode: 'manual',
            camera: cameraFacts(still),
            ...(latest ? { readings: latest.readings, failures: latest.failures } : {}),
          };
          const capture = await encodeCapture(still.source, still.plan, facts, env.encode);
          // Spread only: the analysed frame is not the one drawn here, so its face is no reference.
          const sendable = await stillSendable(env.probe, capture.blob, null);
          if (!capturing()) return;
          if (sendable) return kept(capture, stillRejected);
          if (!refused()) return;
        } catch {
          fail({ code: 'CAPTURE_FAILED', source: 'capture', retryable: true });
          return;
        }
      }
    },
    async photo(file) {
      if (!move(store, 'capturing', { photoBusy: true })) return;
      const analyser = guidance.analysis();
      const check = (image: ImageBitmap | Blob) => analyser.analyseStill(image, requirements().rows);
      let outcome = await readPhoto(file, check, env.photo);
      // Spread only (a photo has no analysed frame to match): a blank encoding is made again.
      while (outcome.kind === 'accepted' && !(await stillSendable(env.probe, outcome.capture.blob, null))) {
        if (!capturing() || !refused({ photoBusy: false })) return;
        outcome = await readPhoto(file, check, env.photo);
      }
      if (!capturing()) return;
      if (outcome.kind === 'accepted') kept(outcome.capture, stillRejected);
      else if (outcome.kind === 'rejected')
        fail(
          { code: 'FILE_REJECTED', source: 'capture', retryable: false, reason: outcome.code },
          { photoBusy: false },
        );
      else fail({ code: 'FILE_UNREADABLE', source: 'capture', retryable: false }, { photoBusy: false });
    },
  };
}
