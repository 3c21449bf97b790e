import { poseOf } from '../pose.ts';
import type { HeadPose, Point } from '../../types.ts';
import { assumedCamera } from './camera.ts';
import { INNER } from './indices.ts';
import { fitPose } from './pnp.ts';
import { HEAD_TEMPLATE } from './template.ts';

/**
 * Signed head angles from the 68 landmarks, in crop pixels: the template head fitted to the
 * inner points through the assumed camera (camera.ts), its axes read as pose.ts reads a face
 * frame. Zero is the template's own frame (template.ts says how it was set).
 */
export function landmarkPose(
  points: ReadonlyArray<Point | undefined>,
  crop: { width: number; height: number },
): HeadPose | null {
  const image: Point[] = [];
  for (const i of INNER) {
    const p = points[i];
    if (!p) return null;
    image.push(p);
  }
  const fit = fitPose(HEAD_TEMPLATE, image, assumedCamera(crop));
  if (!fit) return null;
  const m = fit.rotation;
  return poseOf({ x: [m[0], m[3], m[6]], y: [m[1], m[4], m[7]], z: [m[2], m[5], m[8]] });
}
