import { NON_BLOCKING, type RuleCode } from '../rules/codes.ts';
import type { Readings } from '../rules/table.ts';
import type { Capture } from './types.ts';
import { portraitCrop } from './crop.ts';
import { encodeCrop } from './encode.ts';
import { captureMeta, type Encode } from './meta.ts';

/** What the image-file fallback needs from face analysis: the rules at their limits on one still. */
export interface StillVerdict {
  evaluation: { failures: readonly RuleCode[]; compliant: boolean };
  measurement?: { readings: Readings };
}
export type StillAnalyser = (image: Blob) => Promise<StillVerdict>;

export type PhotoOutcome =
  { kind: 'unreadable' } | { kind: 'rejected'; code: RuleCode } | { kind: 'accepted'; capture: Capture };

/** A decoded photo: drawable, sized, and released when done. */
export type DecodedPhoto = CanvasImageSource & { width: number; height: number; close(): void };

export interface PhotoTools {
  /** Decodes with the EXIF orientation applied (a phone photo is often stored sideways). */
  decode: (file: Blob) => Promise<DecodedPhoto>;
  encode: Encode;
  /** Other ways to the same result, for the second try after a failed one. */
  fallback?: PhotoTools;
}

/**
 * The photo through an `<img>` (which applies EXIF orientation when drawn), for engines whose
 * createImageBitmap fails on a file it can display (seen in WebKitGTK under load).
 */
async function decodeWithImage(file: Blob): Promise<DecodedPhoto> {
  const url = URL.createObjectURL(file);
  const image = new Image();
  image.src = url;
  try {
    await image.decode();
  } catch (error) {
    URL.revokeObjectURL(url);
    throw error;
  }
  return Object.assign(image, {
    width: image.naturalWidth,
    height: image.naturalHeight,
    close: () => URL.revokeObjectURL(url),
  });
}

export const BROWSER_PHOTO_TOOLS: PhotoTools = {
  decode: (file) => createImageBitmap(file, { imageOrientation: 'from-image' }),
  encode: encodeCrop,
  fallback: {
    decode: (file) =>
      typeof Image === 'undefined'
        ? createImageBitmap(file, { imageOrientation: 'from-image' })
        : decodeWithImage(file),
    encode: (source, plan) => encodeCrop(source, plan, undefined, 'page'),
  },
};

/**
 * A photo from the device instead of a camera frame: decoded with its EXIF orientation, cut
 * to the same portrait crop and encoded like a frame (which also drops its metadata: no GPS
 * or device data leaves the phone), then checked by the same rules before any upload. When
 * analysis cannot run at all, the photo goes on and the server's own check decides.
 */
export async function readPhoto(
  file: Blob,
  analyse: StillAnalyser | undefined,
  tools: PhotoTools = BROWSER_PHOTO_TOOLS,
): Promise<PhotoOutcome> {
  // A busy engine can fail a decode or an encode it manages a moment later, or by another way
  // (seen in WebKitGTK under load): a file is called unreadable only when both ways failed.
  let encoded = await decodeAndEncode(file, tools);
  encoded ??= await decodeAndEncode(file, tools.fallback ?? tools);
  if (!encoded) return { kind: 'unreadable' };
  const verdict = analyse ? await analyse(encoded.blob).catch(() => null) : null;
  const blocking = verdict?.evaluation.failures.find((code) => !NON_BLOCKING.has(code));
  if (blocking) return { kind: 'rejected', code: blocking };
  const facts = verdict
    ? {
        mode: 'file' as const,
        camera: null,
        failures: [...verdict.evaluation.failures],
        ...(verdict.measurement ? { readings: verdict.measurement.readings } : {}),
      }
    : { mode: 'file' as const, camera: null };
  return { kind: 'accepted', capture: { blob: encoded.blob, meta: captureMeta(encoded, facts) } };
}

/** The photo decoded and encoded as a frame would be; null when the engine could not. */
async function decodeAndEncode(file: Blob, tools: PhotoTools): Promise<Awaited<ReturnType<Encode>> | null> {
  let photo: DecodedPhoto;
  try {
    photo = await tools.decode(file);
  } catch {
    return null;
  }
  try {
    return await tools.encode(photo, portraitCrop(photo.width, photo.height));
  } catch {
    return null;
  } finally {
    photo.close();
  }
}
