import type * as Tf from '@tensorflow/tfjs-core';
import { detectorFaceBox } from '../detector-box.ts';
import { imageBatch } from '../image-batch.ts';
import type { Box, FaceInput, Point, RgbaImage } from '../../types.ts';
import { LANDMARK_FACE_FLOOR } from '../../measure/measure.ts';
import type { LandmarkNet, Region } from './net.ts';

type TfCore = typeof Tf;

/**
 * The square the landmark network is shown first, around the face as the detector places
 * it: the detector's face estimate's centre, a little lower, and 1.1 times its larger side.
 */
const REGION_SCALE = 1.1;
const REGION_DROP = 0.08;

/** The face mesh's box, where the mesh ran (the server), which the detector's estimate stands in for. */
function meshBox(face: FaceInput): Box | null {
  if (face.mesh.length < 468) return null;
  const xs = face.mesh.map((p) => p[0] ?? 0);
  const ys = face.mesh.map((p) => p[1] ?? 0);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

export function landmarkRegion(face: FaceInput): { x: number; y: number; side: number } | null {
  const box = meshBox(face) ?? detectorFaceBox(face, 1)?.box;
  if (!box) return null;
  const side = Math.max(box.width, box.height) * REGION_SCALE;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2 + box.height * REGION_DROP;
  return { x: cx - side / 2, y: cy - side / 2, side };
}

/**
 * The square for a second look, from the first look's own landmarks: where the network puts
 * a face depends on how the face sits in its square, so the detector's rough box gives a
 * first reading and that reading places the face the same way in every frame. 1.2 times the
 * landmarks' box, centred on it: of the sizes tried against the rendered head's known poses
 * (1.1-1.3), the one with the smallest angle errors.
 */
const REFINE_SCALE = 1.2;

export function refinedRegion(
  points: ReadonlyArray<{ x: number; y: number }>,
): { x: number; y: number; side: number } | null {
  if (points.length === 0) return null;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x0 = Math.min(...xs);
  const y0 = Math.min(...ys);
  const w = Math.max(...xs) - x0;
  const h = Math.max(...ys) - y0;
  const side = Math.max(w, h) * REFINE_SCALE;
  return { x: x0 + w / 2 - side / 2, y: y0 + h / 2 - side / 2, side };
}

/**
 * The second look is taken five times: at the refined square and at that square
 * moved by JITTER of its side along each diagonal, and the landmarks are averaged. Where the
 * network puts a landmark wobbles with how the face sits in its square; the wobble is the
 * network's own, not the head's, so averaging over nearby framings cancels much of it. Against
 * the rendered head at nine places in the oval, the pitch read spread 3.1° from a single look
 * and 1.9° from five (yaw 1.9 → 1.1°, roll 1.2 → 0.9°); 4 % moved the readings least of the
 * shifts and patterns tried (along the axes, or larger and smaller squares, spread more).
 */
const JITTER = 0.04;

export function jittered(square: Region): Region[] {
  const d = JITTER * square.side;
  return [
    [-d, -d],
    [d, -d],
    [-d, d],
    [d, d],
  ].map(([dx = 0, dy = 0]) => ({ x: square.x + dx, y: square.y + dy, side: square.side }));
}

/** The landmarks of several looks at one face, point by point; null without a look. */
export function meanLandmarks(looks: ReadonlyArray<readonly Point[]>): Point[] | null {
  const [head] = looks;
  if (!head) return null;
  return head.map((_, i) => {
    let x = 0;
    let y = 0;
    for (const look of looks) {
      x += look[i]?.x ?? Number.NaN;
      y += look[i]?.y ?? Number.NaN;
    }
    return { x: x / looks.length, y: y / looks.length };
  });
}

/**
 * How far the second look's landmarks moved from the first's, on average, as a share of the
 * square's side. A face's landmarks stay put when the face is framed a little differently; on
 * anything else the network invents a face that moves with the framing: faces in every camera
 * clip, the selfies (dim, blurred, far) and the rendered head at up to 36° read 0.004-0.045,
 * the cat photo 0.076-0.093. The browser has no face mesh to reject the cat; this does.
 */
export const MAX_DISAGREEMENT = 0.06;

export function disagreement(first: readonly Point[], second: readonly Point[], side: number): number {
  if (first.length === 0 || side <= 0) return Number.POSITIVE_INFINITY;
  const moved = first.reduce(
    (sum, p, i) => sum + Math.hypot(p.x - (second[i]?.x ?? Number.NaN), p.y - (second[i]?.y ?? Number.NaN)),
    0,
  );
  return moved / first.length / side;
}

/**
 * The detector's faces with the landmarks of each face that counts (above the floor; the
 * detector reports two at most), read on the same pixels the detector saw: the image, or the
 * detector's input batch made from it (image-batch.ts).
 */
export async function withLandmarks(
  tf: TfCore,
  net: LandmarkNet,
  image: RgbaImage | Tf.Tensor4D,
  faces: readonly FaceInput[],
): Promise<FaceInput[]> {
  const counted = faces.filter((f) => f.score >= LANDMARK_FACE_FLOOR);
  if (counted.length === 0) return [...faces];
  // The detector's own input where the caller has it (the worker): one image tensor per frame.
  const given = image instanceof tf.Tensor;
  const pixels = given ? image : imageBatch(tf, image);
  try {
    const out: FaceInput[] = [];
    for (const face of faces) {
      const region = face.score >= LANDMARK_FACE_FLOOR ? landmarkRegion(face) : null;
      const first = region ? await net.run(pixels, region) : null;
      const second = first ? refinedRegion(first) : null;
      const looks: Point[][] = [];
      for (const square of second ? [second, ...jittered(second)] : []) looks.push(await net.run(pixels, square));
      const centred = looks[0];
      const landmarks = meanLandmarks(looks);
      out.push(
        first && second && centred && landmarks
          ? { ...face, landmarks, landmarksSteady: disagreement(first, centred, second.side) <= MAX_DISAGREEMENT }
          : face,
      );
    }
    return out;
  } finally {
    if (!given) pixels.dispose();
  }
}
