import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type Webcam from 'react-webcam';
import type { AnalysisClient } from '../../core/analysis/client.ts';
import { portraitCrop } from '../../core/capture/crop.ts';
import { cameraInfo, encodeCapture, wholePlan } from '../../core/guidance/capture.ts';
import { startGuidance, type Candidate, type Guidance } from '../../core/guidance/controller.ts';
import { nextVideoFrame } from '../../core/guidance/sampler.ts';
import type { Capture } from '../../core/session/types.ts';
import { useSessionContext } from '../context.ts';

/**
 * Without an automatic capture by then, the person may take the selfie by hand: long enough
 * that a person being guided is not tempted to skip guidance, short enough not to strand
 * someone whose face the analysis cannot read.
 */
export const MANUAL_CAPTURE_AFTER_MS = 10_000;

/** Produces a capture (or null when none was taken); the flow then hands it on. */
export type CaptureProducer = () => Promise<Capture | null>;

export interface GuidedCaptureOptions {
  webcam: RefObject<Webcam | null>;
  client: AnalysisClient | null;
  /** Called with a producer for an automatic or manual capture. */
  onCapture: (produce: CaptureProducer) => void;
  autoCapture: boolean;
  /** Manual capture appears after this long without an automatic one (0: always). */
  manualAfterMs: number;
}

/**
 * Runs guidance while the camera is live and turns its best frame into the capture; offers
 * manual capture after a timeout, or at once when analysis is unavailable.
 */
export function useGuidedCapture({ webcam, client, onCapture, autoCapture, manualAfterMs }: GuidedCaptureOptions): {
  manualAvailable: boolean;
  captureManually: () => void;
} {
  const { store } = useSessionContext();
  const guidance = useRef<Guidance | null>(null);
  const deliver = useRef(onCapture);
  deliver.current = onCapture;
  const [ready, setReady] = useState(store.getState().status === 'ready');
  const [timedOut, setTimedOut] = useState(manualAfterMs <= 0);
  const analysis = store.getState().guidance.analysis;
  const [unavailable, setUnavailable] = useState(analysis === 'unavailable');

  useEffect(
    () =>
      store.subscribe((s) => {
        setReady(s.status === 'ready');
        setUnavailable(s.guidance.analysis === 'unavailable');
      }),
    [store],
  );

  useEffect(() => {
    if (!ready || manualAfterMs <= 0) return undefined;
    const timer = setTimeout(() => setTimedOut(true), manualAfterMs);
    return () => clearTimeout(timer);
  }, [ready, manualAfterMs]);

  const track = () => webcam.current?.stream?.getVideoTracks()[0];

  const captureBest = useCallback(
    (best: Candidate) => {
      deliver.current(async () => {
        try {
          if (!store.getState().beginCapture()) return null;
          const video = webcam.current?.video;
          const capture = await encodeCapture(best.bitmap, wholePlan(best.bitmap), {
            mode: 'auto',
            camera: video ? cameraInfo(video, track()) : null,
            readings: best.readings,
            failures: best.failures,
            score: best.score,
          });
          return store.getState().captured(capture) ? capture : null;
        } catch {
          store.getState().fail({ code: 'CAPTURE_FAILED', source: 'capture', retryable: true });
          return null;
        } finally {
          best.bitmap.close();
        }
      });
    },
    // webcam is a ref; the store is per widget.
    [store, webcam],
  );

  useEffect(() => {
    const video = webcam.current?.video;
    if (!ready || !client || !video) return undefined;
    store.getState().clearGuidance();
    const running = startGuidance({
      video,
      analysis: client,
      autoCapture,
      publish: (snapshot) => store.getState().publishGuidance(snapshot),
      setHint: (code) => store.getState().setHint(code),
      onStable: captureBest,
    });
    guidance.current = running;
    return () => {
      running.stop();
      guidance.current = null;
    };
  }, [ready, client, autoCapture, captureBest, store, webcam]);

  const captureManually = useCallback(() => {
    deliver.current(async () => {
      if (!store.getState().beginCapture()) return null;
      const video = webcam.current?.video;
      // Draw a frame the video has just presented: right after the stream starts (or switches
      // camera) the element may hold no frame yet, or a stale one.
      if (video) await nextVideoFrame(video, video.videoWidth === 0 ? 3000 : 500);
      if (!video || video.videoWidth === 0) {
        store.getState().cancelCapture();
        return null;
      }
      try {
        const latest = guidance.current?.latest();
        guidance.current?.stop();
        const capture = await encodeCapture(video, portraitCrop(video.videoWidth, video.videoHeight), {
          mode: 'manual',
          camera: cameraInfo(video, track()),
          ...(latest ? { readings: latest.readings, failures: latest.failures } : {}),
        });
        return store.getState().captured(capture) ? capture : null;
      } catch {
        store.getState().fail({ code: 'CAPTURE_FAILED', source: 'capture', retryable: true });
        return null;
      }
    });
  }, [store, webcam]);

  return { manualAvailable: ready && (!autoCapture || unavailable || timedOut), captureManually };
}
