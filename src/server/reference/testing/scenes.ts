/**
 * Test scenes made at test time from the fixture still: the astronaut placed in a camera frame
 * and read exactly as the browser reads it (the portrait crop of src/core/capture/crop.ts,
 * scaled to the analysis height, Human's detector and mesh in Node, measure()).
 */
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { portraitCrop } from '../../../core/capture/crop.ts';
import { loadNodeDetector, type NodeFaceDetector } from '../human-node.ts';
import { measure, type Measurement } from '../../../core/analysis/measure/measure.ts';
import { ANALYSIS_HEIGHT } from '../../../core/analysis/measure/scale.ts';
import type { RgbaImage } from '../../../core/analysis/types.ts';

export const ASTRONAUT = fileURLToPath(new URL('../../../../e2e/fixtures/astronaut.png', import.meta.url));

/** The camera clips' grey background. */
export const BACKGROUND = { r: 0x7a, g: 0x7f, b: 0x86 };

/** The still's side, px. */
export const STILL_SIDE = 512;

/**
 * Where the face is in the 512x512 still, measured by hand on the image: the point the clips
 * place (e2e/setup/clips.mjs), and the face as a person sees it, ear to ear (x 179..274 at the
 * eyes) and hairline to chin (y 62..178). The chin and the sides are visible; the hairline is
 * under the fringe, put a third of the face above the brows as in an average face.
 */
export const STILL_FACE = {
  anchor: { x: 225, y: 120 },
  outline: { cx: 226.5, cy: 120, rx: 47.5, ry: 58 },
  /** The line through the eye centres leans 2.5° clockwise: (204, 101) to (249, 103). */
  rollDeg: 2.5,
} as const;

export interface Placement {
  /** Still scale: 3.2 is the compliant clip (face ~300 px wide in a 1080p frame). */
  scale: number;
  /** Where the still's anchor lands, as shares of the frame. */
  fx: number;
  fy: number;
  /** Where the anchor is in the given still (default: the fixture's face anchor). */
  anchor?: { x: number; y: number };
}

/** A camera frame as raw RGB pixels (encoding a 1080p PNG per frame costs more than reading it). */
export interface Frame {
  data: Buffer;
  width: number;
  height: number;
}

/** The still scaled once per scale: a sweep places the same scaled face many times. */
const scaledStills = new WeakMap<Buffer, Map<number, Promise<{ data: Buffer; width: number; height: number }>>>();

function scaledStill(still: Buffer, scale: number): Promise<{ data: Buffer; width: number; height: number }> {
  const byScale =
    scaledStills.get(still) ?? new Map<number, Promise<{ data: Buffer; width: number; height: number }>>();
  scaledStills.set(still, byScale);
  let scaled = byScale.get(scale);
  if (!scaled) {
    scaled = (async () => {
      const meta = await sharp(still).metadata();
      const w = Math.round((meta.width ?? STILL_SIDE) * scale);
      const h = Math.round((meta.height ?? STILL_SIDE) * scale);
      const { data, info } = await sharp(still).resize(w, h).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      return { data, width: info.width, height: info.height };
    })();
    byScale.set(scale, scaled);
  }
  return scaled;
}

/** A camera frame with a still placed on the clips' grey background. */
export async function cameraFrame(still: Buffer, at: Placement, size = { width: 1920, height: 1080 }): Promise<Frame> {
  const anchor = at.anchor ?? STILL_FACE.anchor;
  const scaled = await scaledStill(still, at.scale);
  const left = Math.round(at.fx * size.width - anchor.x * at.scale);
  const top = Math.round(at.fy * size.height - anchor.y * at.scale);
  const data = Buffer.alloc(size.width * size.height * 3);
  for (let i = 0; i < data.length; i += 3) {
    data[i] = BACKGROUND.r;
    data[i + 1] = BACKGROUND.g;
    data[i + 2] = BACKGROUND.b;
  }
  // Only the part of the scaled still that lands in the frame is copied, row by row.
  const x0 = Math.max(0, left);
  const x1 = Math.min(size.width, left + scaled.width);
  for (let y = Math.max(0, top); y < Math.min(size.height, top + scaled.height); y++) {
    if (x1 <= x0) break;
    const from = ((y - top) * scaled.width + (x0 - left)) * 3;
    scaled.data.copy(data, (y * size.width + x0) * 3, from, from + (x1 - x0) * 3);
  }
  return { data, ...size };
}

/** Where a point of the still lands in the portrait crop of a 1920x1080 frame, crop pixels. */
export function stillToCrop(
  p: { x: number; y: number },
  at: Placement,
  frame = { width: 1920, height: 1080 },
): { x: number; y: number } {
  const plan = portraitCrop(frame.width, frame.height);
  const anchor = at.anchor ?? STILL_FACE.anchor;
  const k = plan.width / plan.sw;
  return {
    x: (at.fx * frame.width + (p.x - anchor.x) * at.scale - plan.sx) * k,
    y: (at.fy * frame.height + (p.y - anchor.y) * at.scale - plan.sy) * k,
  };
}

let detector: Promise<NodeFaceDetector> | null = null;

/** The portrait crop of a camera frame at the analysis size, as RGBA. */
export async function analysisImage(
  frame: Frame,
): Promise<{ image: RgbaImage; crop: { width: number; height: number } }> {
  const plan = portraitCrop(frame.width, frame.height);
  const { data, info } = await sharp(frame.data, { raw: { width: frame.width, height: frame.height, channels: 3 } })
    .extract({ left: plan.sx, top: plan.sy, width: plan.sw, height: plan.sh })
    .resize({ height: Math.min(ANALYSIS_HEIGHT, plan.sh) })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const image = {
    width: info.width,
    height: info.height,
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  };
  return { image, crop: { width: plan.width, height: plan.height } };
}

/** Reads a camera frame the way the browser does. */
export async function analyseFrame(frame: Frame): Promise<Measurement> {
  detector ??= loadNodeDetector();
  const { image, crop } = await analysisImage(frame);
  return measure({ faces: await (await detector).detect(image), image, crop });
}

/** Rounds for printed tables; '-' for nothing. */
export function fmt(v: number | null | undefined, digits = 1): string {
  return v === null || v === undefined ? '-' : v.toFixed(digits);
}
