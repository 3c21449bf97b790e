import { poseOf } from '../pose.ts';
import type { HeadPose, Point } from '../types.ts';
import { assumedCamera } from './camera.ts';
import { INNER } from './indices.ts';
import { fitPose } from './pnp.ts';
import { HEAD_TEMPLATE } from './template.ts';

/**
 * Signed head angles from the 68 landmarks, in crop pixels: the template head fitted to the
 * inner points through the assumed camera (camera.ts), its axes read as pose.ts reads a face
 * frame. Zero is the template's own frame (template.ts says how it was set).
 */
export function landmarkPose(points: ReadonlyArray<Point | undefined>, crop: { width: number; height: number }): HeadPose | null {
  return landmarkFit(points, crop)?.pose ?? null;
}

/**
 * The pose and how well a head explains the landmarks: the fit's root-mean-square miss over
 * the inner points, as a share of the distance between the eye corners' midpoints... of the
 * landmarks' own spread, so it does not depend on the face's size in pixels.
 */
export function landmarkFit(points: ReadonlyArray<Point | undefined>, crop: { width: number; height: number }): { pose: HeadPose; miss: number } | null {
  const image: Point[] = [];
  for (const i of INNER) {
    const p = points[i];
    if (!p) return null;
    image.push(p);
  }
  const fit = fitPose(HEAD_TEMPLATE, image, assumedCamera(crop));
  if (!fit) return null;
  const m = fit.rotation;
  const mean = image.reduce((s, p) => ({ x: s.x + p.x / image.length, y: s.y + p.y / image.length }), { x: 0, y: 0 });
  const spread = Math.sqrt(image.reduce((s, p) => s + (p.x - mean.x) ** 2 + (p.y - mean.y) ** 2, 0) / image.length);
  const pose = poseOf({ x: [m[0], m[3], m[6]], y: [m[1], m[4], m[7]], z: [m[2], m[5], m[8]] });
  return { pose, miss: spread > 0 ? fit.rms / spread : Number.POSITIVE_INFINITY };
}
