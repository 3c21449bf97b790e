import { encodeCrop } from './encode.ts';

/** Below this height the contract's face-size rules can no longer be met; a 413 there is final. */
export const SHRINK_MIN_HEIGHT = 600;
/** Each refusal asks for a copy at most this share of the size that was refused. */
export const SHRINK_RATIO = 0.6;

export interface Shrunk {
  blob: Blob;
  width: number;
  height: number;
}

/**
 * A smaller copy of the same capture, for a path (the host's proxy, a gateway) whose body
 * limit is below the service's 3 MB. The person keeps their selfie; only the bytes shrink.
 * Null when the copy would fall under SHRINK_MIN_HEIGHT.
 */
export async function shrinkImage(blob: Blob, refusedBytes: number): Promise<Shrunk | null> {
  const bitmap = await createImageBitmap(blob);
  try {
    const plan = { sx: 0, sy: 0, sw: bitmap.width, sh: bitmap.height, width: bitmap.width, height: bitmap.height };
    const encoded = await encodeCrop(bitmap, plan, Math.floor(refusedBytes * SHRINK_RATIO));
    if (encoded.height < SHRINK_MIN_HEIGHT) return null;
    return { blob: encoded.blob, width: encoded.width, height: encoded.height };
  } catch {
    return null;
  } finally {
    bitmap.close();
  }
}
