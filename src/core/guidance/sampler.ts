import { ANALYSIS_HEIGHT } from '../analysis/measure/scale.ts';
import { portraitCrop, type CropPlan } from '../capture/crop.ts';
import type { FrameSource } from '../analysis/protocol.ts';

export interface Sample {
  at: number;
  plan: CropPlan;
  /** The whole camera frame; the worker crops and scales it. */
  frame: FrameSource;
}

/** A still to encode by hand (manual capture): what to draw, and which part of it. */
export interface Still {
  source: CanvasImageSource;
  plan: CropPlan;
  /** What the capture metadata says about the camera. */
  camera: { width: number; height: number };
}

/**
 * The camera as the guidance loop and the capture see it. In a browser it is the preview's
 * video element (videoFeed); tests script one.
 */
export interface FrameFeed {
  /** Resolves on the next new camera frame, or after `maxWaitMs` so a stalled stream never stalls the caller. */
  nextFrame(maxWaitMs?: number): Promise<void>;
  /** The current frame for analysis (transferred to the worker), or null when there is none yet. */
  sample(): Promise<Sample | null>;
  /** The current frame for a manual capture, or null when the camera has shown nothing yet. */
  still(): Still | null;
  /**
   * True when the camera has presented a frame since the last sample: the loop takes it at
   * once instead of waiting for the one after (half a camera frame per analysed frame).
   */
  pendingFrame?(): boolean;
}

type VideoWithFrames = HTMLVideoElement & {
  requestVideoFrameCallback?: (cb: (now: number, meta: { presentedFrames: number }) => void) => number;
  cancelVideoFrameCallback?: (handle: number) => void;
};

/**
 * Resolves on the next new camera frame (requestVideoFrameCallback where there is one), or
 * after `maxWaitMs` so a stalled stream never stalls the loop.
 */
export function nextVideoFrame(video: HTMLVideoElement, maxWaitMs = 120): Promise<void> {
  const v = video as VideoWithFrames;
  return new Promise((resolve) => {
    let handle = 0;
    const timer = setTimeout(() => {
      if (v.cancelVideoFrameCallback) v.cancelVideoFrameCallback(handle);
      resolve();
    }, maxWaitMs);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    if (v.requestVideoFrameCallback) handle = v.requestVideoFrameCallback(done);
    else handle = requestAnimationFrame(done);
  });
}

/** Size of the analysis frame for a crop: the crop scaled to at most ANALYSIS_HEIGHT tall. */
export function analysisSize(plan: CropPlan): { width: number; height: number } {
  const scale = Math.min(1, ANALYSIS_HEIGHT / plan.sh);
  return { width: Math.max(1, Math.round(plan.sw * scale)), height: Math.max(1, Math.round(plan.sh * scale)) };
}

/**
 * Grabs the current camera frame as it is: no crop, no scaling and no colour conversion on
 * the page's main thread (the worker does all three). A VideoFrame refers to the camera's
 * own buffer where WebCodecs exists; elsewhere an ImageBitmap copy.
 */
export async function sampleFrame(video: HTMLVideoElement): Promise<Sample | null> {
  if (video.videoWidth === 0 || video.videoHeight === 0 || video.readyState < 2) return null;
  const at = performance.now();
  const plan = portraitCrop(video.videoWidth, video.videoHeight);
  let frame: FrameSource | null = null;
  if (typeof VideoFrame === 'function') {
    try {
      frame = new VideoFrame(video);
    } catch {
      frame = null;
    }
  }
  frame ??= await createImageBitmap(video);
  return { at, plan, frame };
}

/**
 * Counts the frames a video element presents, for as long as it presents them (the callback
 * chain ends with the stream). Null where the engine has no requestVideoFrameCallback.
 */
function presentedFrames(video: VideoWithFrames): (() => number) | null {
  const request = video.requestVideoFrameCallback?.bind(video);
  if (!request) return null;
  let presented = 0;
  const tick = (_now: number, meta: { presentedFrames: number }) => {
    presented = meta.presentedFrames;
    request(tick);
  };
  request(tick);
  return () => presented;
}

/** The frame feed of a playing video element (the camera preview). */
export function videoFeed(video: HTMLVideoElement): FrameFeed {
  const presented = presentedFrames(video);
  let sampled = presented?.() ?? 0;
  return {
    nextFrame: (maxWaitMs) => nextVideoFrame(video, maxWaitMs),
    sample: () => {
      if (presented) sampled = presented();
      return sampleFrame(video);
    },
    pendingFrame: () => presented !== null && presented() > sampled,
    // Drawn before it has played its first frame, the element gives a black picture, even with
    // its size known and a frame buffered (seen in Chromium on a busy machine: readyState 4,
    // currentTime 0). A still needs both a current frame and playback begun.
    still: () =>
      video.videoWidth === 0 || video.readyState < 2 || video.currentTime === 0
        ? null
        : {
            source: video,
            plan: portraitCrop(video.videoWidth, video.videoHeight),
            camera: { width: video.videoWidth, height: video.videoHeight },
          },
  };
}
