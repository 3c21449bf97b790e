/**
 * Known head poses made from the one frontal still, for the angle checks: in-plane rotation
 * (exact roll), mirror images (yaw and roll change sign, pitch does not), and turns and nods
 * by warping the face over a head-shaped ellipsoid (a model of a turn, not a real one: the
 * reading should follow its sign and roughly its size).
 */
import sharp from 'sharp';
import { STILL_FACE } from './scenes.ts';

interface Rgb {
  width: number;
  height: number;
  data: Uint8Array;
}

async function rgb(still: Buffer): Promise<Rgb> {
  const { data, info } = await sharp(still).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

function png(image: Rgb): Promise<Buffer> {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .png()
    .toBuffer();
}

export interface PosedStill {
  still: Buffer;
  /** Where the face anchor is in this still. */
  anchor: { x: number; y: number };
}

/** The still turned clockwise by `deg` about its centre, on a grown canvas of the background grey. */
export async function rotated(still: Buffer, deg: number): Promise<PosedStill> {
  const meta = await sharp(still).metadata();
  const side = meta.width ?? 0;
  const out = await sharp(still)
    .rotate(deg, { background: { r: 0x7a, g: 0x7f, b: 0x86 } })
    .png()
    .toBuffer();
  const outSide = (await sharp(out).metadata()).width ?? side;
  const t = (deg * Math.PI) / 180;
  const dx = STILL_FACE.anchor.x - side / 2;
  const dy = STILL_FACE.anchor.y - side / 2;
  return { still: out, anchor: { x: outSide / 2 + dx * Math.cos(t) - dy * Math.sin(t), y: outSide / 2 + dx * Math.sin(t) + dy * Math.cos(t) } };
}

/** The still as in a mirror. */
export async function mirrored(still: Buffer): Promise<PosedStill> {
  const side = (await sharp(still).metadata()).width ?? 0;
  return { still: await sharp(still).flop().png().toBuffer(), anchor: { x: side - STILL_FACE.anchor.x, y: STILL_FACE.anchor.y } };
}

/**
 * The head model: an ellipsoid over the face, half as wide as the face outline is tall, and
 * 1.5 times as deep as it is half-wide (the face stands well in front of the axis a head turns
 * about).
 */
const HEAD = { cx: STILL_FACE.outline.cx, cy: STILL_FACE.outline.cy, a: 60, b: 75, c: 90 };

function bilinear(src: Rgb, x: number, y: number, out: Uint8Array, at: number): void {
  const x0 = Math.min(src.width - 1, Math.max(0, Math.floor(x)));
  const y0 = Math.min(src.height - 1, Math.max(0, Math.floor(y)));
  const x1 = Math.min(src.width - 1, x0 + 1);
  const y1 = Math.min(src.height - 1, y0 + 1);
  const fx = Math.min(1, Math.max(0, x - x0));
  const fy = Math.min(1, Math.max(0, y - y0));
  for (let c = 0; c < 3; c++) {
    const v = (xx: number, yy: number): number => src.data[(yy * src.width + xx) * 3 + c] ?? 0;
    out[at + c] = Math.round((v(x0, y0) * (1 - fx) + v(x1, y0) * fx) * (1 - fy) + (v(x0, y1) * (1 - fx) + v(x1, y1) * fx) * fy);
  }
}

/**
 * The face turned by `yawDeg` (> 0: towards the image's right) and nodded by `pitchDeg`
 * (> 0: chin up): the still is laid orthographically onto the head ellipsoid, the ellipsoid
 * turned, and each output pixel traced back to the front of the turned ellipsoid. Pixels off
 * the ellipsoid keep the still.
 */
export async function turned(still: Buffer, yawDeg: number, pitchDeg: number): Promise<PosedStill> {
  const src = await rgb(still);
  const out = new Uint8Array(src.data);
  const yaw = (yawDeg * Math.PI) / 180;
  const pitch = (pitchDeg * Math.PI) / 180;
  const cy = Math.cos(yaw);
  const sy = Math.sin(yaw);
  const cp = Math.cos(pitch);
  const sp = Math.sin(pitch);
  // Rotation applied to the head (x right, y down, z towards the viewer): a turn about the
  // vertical, then a nod about the horizontal. Its transpose maps the view back to the head.
  const r = [
    [cy, 0, sy],
    [sp * sy, cp, -sp * cy],
    [-cp * sy, sp, cp * cy],
  ];
  const axes = [HEAD.a, HEAD.b, HEAD.c];
  const m = (i: number, j: number): number => r[i]?.[j] ?? 0;
  for (let py = 0; py < src.height; py++) {
    for (let px = 0; px < src.width; px++) {
      const qx = px - HEAD.cx;
      const qy = py - HEAD.cy;
      // Head point s = rᵀ(qx, qy, t) on the ellipsoid: a quadratic in the depth t.
      let qa = 0;
      let qb = 0;
      let qc = -1;
      for (let i = 0; i < 3; i++) {
        const k = m(0, i) * qx + m(1, i) * qy;
        const d = m(2, i);
        const w = 1 / (axes[i] ?? 1) ** 2;
        qa += d * d * w;
        qb += 2 * k * d * w;
        qc += k * k * w;
      }
      const disc = qb * qb - 4 * qa * qc;
      if (disc < 0) continue;
      const t = (-qb + Math.sqrt(disc)) / (2 * qa);
      const s = [0, 1, 2].map((i) => m(0, i) * qx + m(1, i) * qy + m(2, i) * t);
      // Only the half of the head the still shows (facing the viewer) has a texture.
      if ((s[2] ?? -1) < 0) continue;
      bilinear(src, (s[0] ?? 0) + HEAD.cx, (s[1] ?? 0) + HEAD.cy, out, (py * src.width + px) * 3);
    }
  }
  return { still: await png({ ...src, data: out }), anchor: { ...STILL_FACE.anchor } };
}
