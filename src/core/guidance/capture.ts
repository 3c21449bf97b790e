import { isVirtualCameraLabel } from '../camera/devices.ts';
import { encodeCrop } from '../capture/encode.ts';
import type { CropPlan } from '../capture/crop.ts';
import { CROP_MIN_HEIGHT } from '../capture/limits.ts';
import type { RuleCode } from '../rules/codes.ts';
import type { Readings } from '../rules/table.ts';
import type { Capture, CaptureMeta } from '../session/types.ts';

export interface CameraInfo {
  width: number;
  height: number;
  label: string;
  deviceId?: string;
  virtual: boolean;
}

export interface FrameFacts {
  mode: CaptureMeta['mode'];
  camera: CameraInfo | null;
  readings?: Readings;
  failures?: RuleCode[];
  score?: number;
}

/** What the track says about the camera, for the capture metadata. */
export function cameraInfo(video: { videoWidth: number; videoHeight: number }, track: MediaStreamTrack | undefined): CameraInfo {
  const deviceId = track?.getSettings().deviceId;
  const label = track?.label ?? '';
  return { width: video.videoWidth, height: video.videoHeight, label, ...(deviceId ? { deviceId } : {}), virtual: isVirtualCameraLabel(label) };
}

/**
 * Encodes one frame (a camera frame with its crop plan, or an already cropped bitmap) into the
 * selfie and its metadata: size, JPEG quality, camera, and the rule readings of that frame.
 */
export async function encodeCapture(source: CanvasImageSource, plan: CropPlan, facts: FrameFacts): Promise<Capture> {
  const encoded = await encodeCrop(source, plan);
  const meta: CaptureMeta = {
    width: encoded.width,
    height: encoded.height,
    bytes: encoded.blob.size,
    jpegQuality: encoded.jpegQuality,
    mode: facts.mode,
    camera: facts.camera,
    lowResolution: encoded.height < CROP_MIN_HEIGHT,
    capturedAt: new Date().toISOString(),
  };
  if (facts.readings) meta.readings = facts.readings;
  if (facts.failures) meta.failures = facts.failures;
  if (facts.score !== undefined) meta.score = facts.score;
  return { blob: encoded.blob, meta };
}

/** The plan for a bitmap that is already the crop (sized to the upload). */
export function wholePlan(bitmap: { width: number; height: number }): CropPlan {
  return { sx: 0, sy: 0, sw: bitmap.width, sh: bitmap.height, width: bitmap.width, height: bitmap.height };
}
