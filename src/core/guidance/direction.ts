import type { FaceGeometry } from '../analysis/types.ts';
import { OVAL } from '../rules/table.ts';
import type { HintMove } from './types.ts';

/**
 * Which way a failed row asks the person to move, from the measured face (signed offset from
 * the oval, signed head pose, in the unmirrored camera image). The preview is a mirror, so a
 * face to the right of the oval in the camera image shows on the left of the preview and the
 * person moves to their right, as in a looking glass; a head turned to the image's right is
 * turned to the person's left and turns back to their right. Undefined when the row has no
 * direction (size, light, focus) or the face cannot say (no depth for the pose).
 */
export function moveFor(
  row: string,
  face: FaceGeometry | null,
  crop: { width: number; height: number } | null,
): HintMove | undefined {
  if (!face) return undefined;
  switch (row) {
    case 'ovalOverflow':
    case 'margin': {
      if (!crop) return undefined;
      // The larger miss first, each axis in units of the oval's radius along it.
      const x = face.offset.x / (OVAL.rx * crop.width);
      const y = face.offset.y / (OVAL.ry * crop.height);
      if (x === 0 && y === 0) return undefined;
      if (Math.abs(x) >= Math.abs(y)) return x > 0 ? 'move-right' : 'move-left';
      return y > 0 ? 'move-up' : 'move-down';
    }
    case 'yaw':
      return face.pose ? (face.pose.yaw > 0 ? 'turn-right' : 'turn-left') : undefined;
    case 'pitch':
      return face.pose ? (face.pose.pitch > 0 ? 'chin-down' : 'chin-up') : undefined;
    case 'roll':
      return face.pose ? (face.pose.roll > 0 ? 'tilt-right' : 'tilt-left') : undefined;
    default:
      return undefined;
  }
}
