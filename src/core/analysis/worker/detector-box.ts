/**
 * The face box the landmark network's first look is framed from: the detector's box centre
 * and eye keypoints, scaled to the size a full face box has.
 */
import type { Box, FaceInput, Point } from '../types.ts';

/**
 * A full face box against the detector's, measured on the camera clips when the face mesh
 * still ran in the browser: the mesh's box was 2.2–2.4 detector eye distances wide, or
 * 0.54–0.59 of the detector's box, and 1.15 times as tall as wide; its eye centres 3–10 %
 * further apart than the detector's eye keypoints. Each width estimate fails one way, low: the
 * eyes close up on a turned head, the box is cut at the picture's edge on a face too close.
 * The larger of the two is the width.
 */
const FACE_WIDTH_PER_EYE = 2.25;
const FACE_WIDTH_PER_BOX = 0.575;
const FACE_HEIGHT_PER_WIDTH = 1.15;
const MESH_EYE_PER_DETECTOR_EYE = 1.05;

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
export function detectorFaceBox(
  face: FaceInput,
  scale: number,
): { box: Box; eyes: [Point, Point]; eyeDistance: number } | null {
  const a = keypoint(face, EYE_A, scale);
  const b = keypoint(face, EYE_B, scale);
  if (!a || !b || !face.box) return null;
  const eye = Math.hypot(a.x - b.x, a.y - b.y);
  if (eye <= 0) return null;
  const cx = (face.box.x + face.box.width / 2) * scale;
  const cy = (face.box.y + face.box.height / 2) * scale;
  const width = Math.max(eye * FACE_WIDTH_PER_EYE, face.box.width * scale * FACE_WIDTH_PER_BOX);
  const height = width * FACE_HEIGHT_PER_WIDTH;
  return {
    box: { x: cx - width / 2, y: cy - height / 2, width, height },
    eyes: [a, b],
    eyeDistance: eye * MESH_EYE_PER_DETECTOR_EYE,
  };
}
