import { ANALYSIS_HEIGHT } from '../analysis/client.ts';
import { portraitCrop, type CropPlan } from '../capture/crop.ts';

export interface Sample {
  at: number;
  plan: CropPlan;
  /** The crop, downscaled for analysis (≤ ANALYSIS_HEIGHT tall). */
  small: ImageBitmap;
  /** The same frame's crop at upload size, when asked for (candidate frames only). */
  full: ImageBitmap | null;
}

type VideoWithFrames = HTMLVideoElement & {
  requestVideoFrameCallback?: (cb: () => void) => number;
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
 * Takes the current frame's portrait crop as ImageBitmaps: always a small one for analysis,
 * and the full-size one only when the frame may become the capture. Both come from one
 * grab, so the analysed frame is exactly the frame that would be sent.
 */
export async function sampleFrame(video: HTMLVideoElement, withFull: boolean): Promise<Sample | null> {
  if (video.videoWidth === 0 || video.videoHeight === 0 || video.readyState < 2) return null;
  const at = performance.now();
  const plan = portraitCrop(video.videoWidth, video.videoHeight);
  const size = analysisSize(plan);
  if (!withFull) {
    const small = await createImageBitmap(video, plan.sx, plan.sy, plan.sw, plan.sh, {
      resizeWidth: size.width,
      resizeHeight: size.height,
      resizeQuality: 'medium',
    });
    return { at, plan, small, full: null };
  }
  const scaled = plan.width !== plan.sw || plan.height !== plan.sh;
  const full = await createImageBitmap(
    video,
    plan.sx,
    plan.sy,
    plan.sw,
    plan.sh,
    scaled ? { resizeWidth: plan.width, resizeHeight: plan.height, resizeQuality: 'high' } : {},
  );
  const small = await createImageBitmap(full, { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: 'medium' });
  return { at, plan, small, full };
}
