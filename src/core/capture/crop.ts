import { CROP_ASPECT, CROP_MAX_HEIGHT } from '../rules/table.ts';

/** Source rectangle in the camera frame and the size of the image that will be sent. */
export interface CropPlan {
  sx: number;
  sy: number;
  sw: number;
  sh: number;
  width: number;
  height: number;
}

/**
 * The largest centred 3:4 portrait region of a camera frame (landscape or portrait), scaled
 * down only if it is taller than the contract's largest recommended height. The preview
 * shows the same region, so the oval the person fills is the oval that gets checked.
 */
export function portraitCrop(frameWidth: number, frameHeight: number, maxHeight: number = CROP_MAX_HEIGHT): CropPlan {
  let sh = frameHeight;
  let sw = Math.round(sh * CROP_ASPECT);
  if (sw > frameWidth) {
    sw = frameWidth;
    sh = Math.round(sw / CROP_ASPECT);
  }
  const sx = Math.round((frameWidth - sw) / 2);
  const sy = Math.round((frameHeight - sh) / 2);
  const scale = Math.min(1, maxHeight / sh);
  return { sx, sy, sw, sh, width: Math.round(sw * scale), height: Math.round(sh * scale) };
}
