/**
 * The 68-point landmark layout (iBUG 300-W, as the face-api networks give it), in the
 * unmirrored camera image. "Right" is the person's right, which is the left of the image.
 */

/** Jaw line, from the person's right ear (image left) down to the chin and up to the left ear. */
export const JAW = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16] as const;
export const JAW_RIGHT_END = 0;
export const JAW_LEFT_END = 16;
export const CHIN = 8;
/** Top of the nose bridge, between the eyes. */
export const NASION = 27;
export const NOSE_TIP = 30;

/**
 * Each eye's six points: outer corner, two upper lid points, inner corner, two lower lid
 * points (clockwise in the image for the right eye, mirrored for the left).
 */
export const RIGHT_EYE = [36, 37, 38, 39, 40, 41] as const;
export const LEFT_EYE = [42, 43, 44, 45, 46, 47] as const;

/**
 * The points that sit on the face itself (brows, nose, eyes, mouth), not on its silhouette:
 * where the jaw line lands depends on which part of the cheek is the outline at that angle,
 * so it cannot stand for one fixed point of the head.
 */
export const INNER = Array.from({ length: 68 - 17 }, (_, i) => i + 17);
