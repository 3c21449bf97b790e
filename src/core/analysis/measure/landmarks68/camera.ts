import type { Camera } from './pnp.ts';

/**
 * The camera assumed for head pose: the picture's principal point at the crop's centre and a
 * 60° field of view over the crop's height. The portrait crop is the full height of a
 * landscape frame, where phone and laptop cameras see 55-70°; the browser (crop pixels) and
 * the server (the upload, which is that crop) then assume the same camera. A wrong guess
 * only scales the small correction for a face off the picture's centre.
 */
export const ASSUMED_VERTICAL_FOV_DEG = 60;

export function assumedCamera(crop: { width: number; height: number }): Camera {
  const focal = crop.height / 2 / Math.tan((ASSUMED_VERTICAL_FOV_DEG * Math.PI) / 360);
  return { focal, cx: crop.width / 2, cy: crop.height / 2 };
}
