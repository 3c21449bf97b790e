/**
 * A camera frame's crop as RGBA pixels, copied out of the frame (VideoFrame.copyTo with a
 * rectangle and an RGBA format) instead of painted. Painting a VideoFrame (createImageBitmap
 * or drawImage) makes Chromium convert the whole frame into its image cache, and every camera
 * frame is a new image: at 1920x1080 that kept about 8 MB per analysed frame, over 500 MB
 * after 20 s of guidance, until the cache's budget was reached. copyTo converts only the
 * rectangle, into a buffer the worker owns. Engines that cannot convert (or get the rectangle
 * wrong) are found once, on a tiny synthetic frame, and keep the painting path.
 */
import type { FrameSource } from '../protocol.ts';

export interface CopyRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The crop rectangle in the frame's coded pixels, on even coordinates and sizes: copyTo wants
 * rectangles aligned to the chroma subsampling of 4:2:0 frames (the camera's usual formats).
 * Moving the crop by a pixel is invisible to every reading.
 */
export function evenRect(region: { sx: number; sy: number; sw: number; sh: number }, visible: CopyRect): CopyRect {
  const down = (v: number) => 2 * Math.floor(v / 2);
  const x = down(visible.x + Math.max(0, region.sx));
  const y = down(visible.y + Math.max(0, region.sy));
  const right = Math.min(visible.x + visible.width, x + Math.max(2, down(region.sw)));
  const bottom = Math.min(visible.y + visible.height, y + Math.max(2, down(region.sh)));
  return { x, y, width: down(right - x), height: down(bottom - y) };
}

/** A frame copyTo can cut as the page planned: shown as coded, unrotated, unmirrored. */
export function copyable(frame: FrameSource): frame is VideoFrame {
  if (!('codedWidth' in frame) || typeof frame.copyTo !== 'function') return false;
  const visible = frame.visibleRect;
  const turned = frame as VideoFrame & { rotation?: number; flip?: boolean };
  return (
    visible !== null &&
    frame.displayWidth === visible.width &&
    frame.displayHeight === visible.height &&
    (turned.rotation ?? 0) === 0 &&
    turned.flip !== true
  );
}

/** Dark on the left, light on the right: the synthetic frame's right half copied as RGBA. */
export function copiedRightHalf(rgba: ArrayLike<number>): boolean {
  for (let i = 0; i < rgba.length; i += 4) {
    const r = rgba[i] ?? 0;
    const g = rgba[i + 1] ?? 0;
    const b = rgba[i + 2] ?? 0;
    if (r < 180 || g < 180 || b < 180) return false;
  }
  return rgba.length > 0;
}

/** Asked once per worker: does copyTo convert a 4:2:0 frame's rectangle to RGBA correctly? */
export async function rgbaCopyWorks(): Promise<boolean> {
  if (typeof VideoFrame !== 'function') return false;
  // 4x4 I420: luma 40 on the left half, 220 on the right; neutral chroma.
  const w = 4;
  const h = 4;
  const data = new Uint8Array(w * h + 2 * (w / 2) * (h / 2));
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[y * w + x] = x < 2 ? 40 : 220;
  data.fill(128, w * h);
  const frame = new VideoFrame(data, { format: 'I420', codedWidth: w, codedHeight: h, timestamp: 0 });
  try {
    const out = new Uint8Array(2 * h * 4);
    await frame.copyTo(out, { rect: { x: 2, y: 0, width: 2, height: h }, format: 'RGBA', colorSpace: 'srgb' });
    return copiedRightHalf(out);
  } finally {
    frame.close();
  }
}

/** Red, green, blue, white: the 4x1 picture bitmapCopyWorks reads back. */
const PROBE = [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255];

/**
 * Whether every pixel read back is exactly the probe's colour, in RGBA order, opaque: the
 * readings must not move with the way the pixels were read.
 */
export function probeReadBack(rgba: ArrayLike<number>): boolean {
  if (rgba.length !== 16) return false;
  for (let p = 0; p < 4; p++) {
    for (let c = 0; c < 3; c++) if (rgba[p * 4 + c] !== PROBE[p * 3 + c]) return false;
    if (rgba[p * 4 + 3] !== 255) return false;
  }
  return true;
}

/**
 * Asked once per worker: does copyTo read a bitmap's pixels back as RGBA (the order a
 * canvas's getImageData gives; a bitmap's frame may be stored BGRA) without changing them?
 */
export async function bitmapCopyWorks(): Promise<boolean> {
  if (typeof VideoFrame !== 'function' || typeof OffscreenCanvas !== 'function') return false;
  const canvas = new OffscreenCanvas(4, 1);
  const ctx = canvas.getContext('2d');
  if (!ctx) return false;
  const picture = ctx.createImageData(4, 1);
  for (let p = 0; p < 4; p++) picture.data.set([...PROBE.slice(p * 3, p * 3 + 3), 255], p * 4);
  ctx.putImageData(picture, 0, 0);
  const bitmap = await createImageBitmap(canvas);
  try {
    const frame = new VideoFrame(bitmap, { timestamp: 0 });
    try {
      const out = new Uint8ClampedArray(16);
      await frame.copyTo(out, { format: 'RGBA', colorSpace: 'srgb' });
      return probeReadBack(out);
    } finally {
      frame.close();
    }
  } finally {
    bitmap.close();
  }
}

let spare: ArrayBuffer | null = null;

/**
 * The rectangle's pixels. One buffer is reused from frame to frame; a second call while the
 * first one's pixels are still in use gets its own.
 */
export async function copyCrop(frame: VideoFrame, rect: CopyRect): Promise<{ image: ImageData; done: () => void }> {
  const bytes = rect.width * rect.height * 4;
  const buffer = spare && spare.byteLength >= bytes ? spare : new ArrayBuffer(bytes);
  if (buffer === spare) spare = null;
  const view = new Uint8ClampedArray(buffer, 0, bytes);
  try {
    await frame.copyTo(view, { rect, format: 'RGBA', colorSpace: 'srgb' });
  } catch (error) {
    spare = buffer;
    throw error;
  }
  const image = new ImageData(view, rect.width, rect.height);
  return {
    image,
    // The caller is done with `image`: its buffer serves the next frame.
    done: () => {
      if (!spare || spare.byteLength < buffer.byteLength) spare = buffer;
    },
  };
}
