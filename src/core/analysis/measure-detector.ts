import { type ReadingKey, type Readings } from '../rules/table.ts';
import { emptyReadings, LANDMARK_FACE_FLOOR, type Measurement } from './measure.ts';
import { fitInOval } from './outline.ts';
import type { Box, FaceInput, Point, RgbaImage } from './types.ts';

/**
 * Readings from the face detector alone, for the frames analysed before the face mesh has
 * arrived: how many faces, how big, where. Enough for the first hints (no face, too many,
 * closer/back, centre); everything that needs the mesh is reported pending, so the rules
 * neither pass nor hint on it and the frame is never compliant.
 */

/** What the mesh gives and the detector cannot: pending until the mesh is there. */
export const MESH_READINGS: readonly ReadingKey[] = [
  'yaw',
  'pitch',
  'roll',
  'eyeOpenness',
  'meshConfidence',
  // The light and focus readings are taken over the inner face, whose box comes from the mesh.
  'brightness',
  'clipped',
  'unevenness',
  'sharpness',
  // Motion across the switch from the detector's face box to the mesh's would be a jump.
  'motion',
];

/** The same floor as a frame with its landmarks, so a face does not come and go between the two. */
export const DETECTOR_ONLY_FLOOR = LANDMARK_FACE_FLOOR;

/**
 * The mesh's face box and eye centres against the detector's, measured on the camera clips
 * (measure-detector.test.ts prints both): the mesh box is 2.2–2.4 detector eye distances
 * wide, or 0.54–0.59 of the detector's box, and 1.15 times as tall as wide; its eye centres
 * are 3–10 % further apart than the detector's eye keypoints. Used to put detector readings on
 * the mesh's scale, so a hint does not change when the mesh arrives. Each width estimate
 * fails one way, low: the eyes close up on a turned head, the box is cut at the picture's
 * edge on a face too close. The larger of the two is the width.
 */
const FACE_WIDTH_PER_EYE = 2.25;
const FACE_WIDTH_PER_BOX = 0.575;
const FACE_HEIGHT_PER_WIDTH = 1.15;
const MESH_EYE_PER_DETECTOR_EYE = 1.05;
/** The outline's forehead extension above the mesh box, as a share of its width (outline.ts). */
const FOREHEAD_PER_WIDTH = 0.025;
const OUTLINE_POINTS = 36;

/**
 * The face outline as the detector alone can guess it: the ellipse in the estimated mesh box,
 * its top raised to the hairline. Close enough for the first centring hint; the mesh's own
 * silhouette replaces it as soon as the mesh is in.
 */
export function detectorOutline(box: Box): Point[] {
  const raise = box.width * FOREHEAD_PER_WIDTH;
  const rx = box.width / 2;
  const ry = (box.height + raise) / 2;
  const cx = box.x + rx;
  const cy = box.y - raise + ry;
  return Array.from({ length: OUTLINE_POINTS }, (_, i) => {
    const t = (2 * Math.PI * i) / OUTLINE_POINTS;
    return { x: cx + rx * Math.sin(t), y: cy - ry * Math.cos(t) };
  });
}

/** Human's order of the detector's six keypoints. */
const EYE_A = 0;
const EYE_B = 1;

function keypoint(face: FaceInput, i: number, scale: number): Point | null {
  const p = face.mesh[i];
  const x = p?.[0];
  const y = p?.[1];
  return x === undefined || y === undefined ? null : { x: x * scale, y: y * scale };
}

/** The face as the mesh would box it, estimated from the detector's box centre and eye keypoints. */
export function detectorFaceBox(face: FaceInput, scale: number): { box: Box; eyes: [Point, Point]; eyeDistance: number } | null {
  const a = keypoint(face, EYE_A, scale);
  const b = keypoint(face, EYE_B, scale);
  if (!a || !b || !face.box) return null;
  const eye = Math.hypot(a.x - b.x, a.y - b.y);
  if (eye <= 0) return null;
  const cx = (face.box.x + face.box.width / 2) * scale;
  const cy = (face.box.y + face.box.height / 2) * scale;
  const width = Math.max(eye * FACE_WIDTH_PER_EYE, face.box.width * scale * FACE_WIDTH_PER_BOX);
  const height = width * FACE_HEIGHT_PER_WIDTH;
  return { box: { x: cx - width / 2, y: cy - height / 2, width, height }, eyes: [a, b], eyeDistance: eye * MESH_EYE_PER_DETECTOR_EYE };
}

export interface DetectorMeasureInput {
  /** Human's detector-only faces: a box and six keypoints each. */
  faces: readonly FaceInput[];
  image: Pick<RgbaImage, 'width' | 'height'>;
  crop: { width: number; height: number };
}

/** The detector's readings in crop pixels, the mesh's pending. */
export function measureDetector(input: DetectorMeasureInput): Measurement {
  const { crop, image } = input;
  const scale = crop.width / image.width;
  const faces = input.faces.filter((f) => f.score >= DETECTOR_ONLY_FLOOR);
  const boxes = faces.flatMap((f) => detectorFaceBox(f, scale) ?? []).sort((p, q) => q.box.width - p.box.width);
  const largest = boxes[0];
  if (!largest) return { readings: emptyReadings(faces.length, crop.height), face: null, motionSample: null, pending: MESH_READINGS };
  const { box, eyes, eyeDistance } = largest;
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const side = Math.min(box.width, box.height);
  const marginPx = Math.min(box.x, box.y, crop.width - (box.x + box.width), crop.height - (box.y + box.height));
  const outline = detectorOutline(box);
  const fit = fitInOval(outline, crop);
  const readings: Readings = {
    ...emptyReadings(faces.length, crop.height),
    faceSide: side,
    eyeDistance,
    faceWidthShare: box.width / crop.width,
    margin: marginPx / Math.max(1, side),
    ovalOverflow: fit?.overflow ?? null,
  };
  // As measure() names them: the person's left eye is the one further right in the picture.
  const [left, right] = eyes[0].x >= eyes[1].x ? eyes : [eyes[1], eyes[0]];
  const offset = fit?.offset ?? { x: 0, y: 0 };
  return { readings, face: { box, centre, leftEye: left, rightEye: right, outline, offset, pose: null }, motionSample: null, pending: MESH_READINGS };
}
