import { isVirtualCameraLabel } from '../camera/devices.ts';
import type { RuleCode } from '../rules/codes.ts';
import type { Readings } from '../rules/table.ts';
import type { Capture, CaptureMeta } from './types.ts';
import type { CropPlan } from './crop.ts';
import { encodeCrop, type EncodedImage } from './encode.ts';
import { CROP_MIN_HEIGHT } from './limits.ts';

export type CaptureCamera = NonNullable<CaptureMeta['camera']>;

/** Turns a frame and its crop into JPEG bytes; a browser canvas by default, a stand-in in tests. */
export type Encode = (source: CanvasImageSource, plan: CropPlan) => Promise<EncodedImage>;

export interface FrameFacts {
  mode: CaptureMeta['mode'];
  camera: CaptureCamera | null;
  readings?: Readings;
  failures?: RuleCode[];
  score?: number;
}

/** The part of a camera track the capture metadata reads. */
export interface TrackLike {
  readonly label: string;
  getSettings(): { deviceId?: string };
}

/** What the frame and the track say about the camera, for the capture metadata. */
export function captureCamera(size: { width: number; height: number }, track: TrackLike | undefined): CaptureCamera {
  const deviceId = track?.getSettings().deviceId;
  const label = track?.label ?? '';
  return {
    width: size.width,
    height: size.height,
    label,
    ...(deviceId ? { deviceId } : {}),
    virtual: isVirtualCameraLabel(label),
  };
}

/** The metadata of an encoded selfie: size, JPEG quality, camera, and the rule readings of that frame. */
export function captureMeta(encoded: EncodedImage, facts: FrameFacts, now: Date = new Date()): CaptureMeta {
  const meta: CaptureMeta = {
    width: encoded.width,
    height: encoded.height,
    bytes: encoded.blob.size,
    jpegQuality: encoded.jpegQuality,
    mode: facts.mode,
    camera: facts.camera,
    lowResolution: encoded.height < CROP_MIN_HEIGHT,
    capturedAt: now.toISOString(),
  };
  if (facts.readings) meta.readings = facts.readings;
  if (facts.failures) meta.failures = facts.failures;
  if (facts.score !== undefined) meta.score = facts.score;
  return meta;
}

/**
 * Encodes one frame (a camera frame with its crop plan, or an already cropped bitmap) into the
 * selfie and its metadata.
 */
export async function encodeCapture(
  source: CanvasImageSource,
  plan: CropPlan,
  facts: FrameFacts,
  encode: Encode = encodeCrop,
): Promise<Capture> {
  const encoded = await encode(source, plan);
  return { blob: encoded.blob, meta: captureMeta(encoded, facts) };
}

/** The plan for a bitmap that is already the crop (sized to the upload). */
export function wholePlan(bitmap: { width: number; height: number }): CropPlan {
  return { sx: 0, sy: 0, sw: bitmap.width, sh: bitmap.height, width: bitmap.width, height: bitmap.height };
}
