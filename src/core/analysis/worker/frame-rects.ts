/**
 * Crops of camera frames that every engine gets right. WebKitGTK 2.50 ignores the source
 * rectangle when the source is a VideoFrame: createImageBitmap(frame, sx, sy, sw, sh, …) and
 * drawImage(frame, sx, sy, sw, sh, …) both draw the whole frame into the rectangle's size.
 * The analysis would then read the whole camera picture squeezed into the portrait crop (a
 * narrower face, wrong readings, no capture) and the upload would be that squeezed picture.
 * So the worker checks once, on a tiny synthetic frame, and where rectangles are ignored it
 * first copies each frame whole into an ImageBitmap, whose rectangles every engine honours
 * (one full-frame copy per analysed frame, in the worker).
 */
import type { FrameSource } from '../protocol.ts';

export interface Croppable {
  /** The frame itself, or its whole copy where the engine ignores VideoFrame rectangles. */
  source: FrameSource;
  /** Closes the copy, if one was made (the caller still closes the frame it was given). */
  release(): void;
}

export interface CropTools {
  /** Resolves true when this engine honours a VideoFrame's source rectangle (asked once). */
  honoursRects: () => Promise<boolean>;
  /** The whole frame as an ImageBitmap. */
  copy: (frame: VideoFrame) => Promise<ImageBitmap>;
}

/** A VideoFrame, as opposed to an ImageBitmap (a structural test, so Node tests can pass fakes). */
function isVideoFrame(frame: FrameSource): frame is VideoFrame {
  return 'codedWidth' in frame;
}

const nothing = (): void => undefined;

export function frameCropper(tools: CropTools): (frame: FrameSource) => Promise<Croppable> {
  let honoured: Promise<boolean> | null = null;
  return async (frame) => {
    if (!isVideoFrame(frame)) return { source: frame, release: nothing };
    honoured ??= tools.honoursRects().catch(() => false);
    if (await honoured) return { source: frame, release: nothing };
    const copy = await tools.copy(frame);
    return { source: copy, release: () => copy.close() };
  };
}

/**
 * The top-left pixel of the right half of a frame that is red on the left and blue on the
 * right: blue when the rectangle was honoured, red when the whole frame was squeezed in.
 */
export function rectHonoured(topLeft: ArrayLike<number>): boolean {
  const [red = 0, , blue = 0] = Array.from(topLeft);
  return blue > 128 && red < 128;
}

/** The 4x2 frame rectHonoured() reads: red on the left half, blue on the right (null: no 2D canvas). */
function redBlueCanvas(): OffscreenCanvas | null {
  const canvas = new OffscreenCanvas(4, 2);
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.fillStyle = '#ff0000';
  ctx.fillRect(0, 0, 2, 2);
  ctx.fillStyle = '#0000ff';
  ctx.fillRect(2, 0, 2, 2);
  return canvas;
}

/** Whether a crop of that frame's right half came out blue; the crop is closed either way. */
async function rightHalfHonoured(crop: Promise<ImageBitmap>, side: number): Promise<boolean> {
  const right = await crop;
  try {
    const out = new OffscreenCanvas(side, side).getContext('2d');
    if (!out) return false;
    out.drawImage(right, 0, 0);
    return rectHonoured(out.getImageData(0, 0, 1, 1).data);
  } finally {
    right.close();
  }
}

/** The real check, in a browser or worker with VideoFrame and OffscreenCanvas. */
export async function videoFrameRectsHonoured(): Promise<boolean> {
  const canvas = redBlueCanvas();
  if (!canvas) return false;
  const frame = new VideoFrame(canvas, { timestamp: 0 });
  try {
    return await rightHalfHonoured(createImageBitmap(frame, 2, 0, 2, 2), 2);
  } finally {
    frame.close();
  }
}

/**
 * Firefox ESR 140 has a second quirk: with resize options, createImageBitmap ignores the source
 * rectangle of any source (the whole picture is scaled into the size), while the same call
 * without them crops correctly. Asked once, on a tiny synthetic bitmap.
 */
export async function resizedRectsHonoured(): Promise<boolean> {
  const canvas = redBlueCanvas();
  if (!canvas) return false;
  const whole = await createImageBitmap(canvas);
  try {
    return await rightHalfHonoured(createImageBitmap(whole, 2, 0, 2, 2, { resizeWidth: 1, resizeHeight: 1 }), 1);
  } finally {
    whole.close();
  }
}
