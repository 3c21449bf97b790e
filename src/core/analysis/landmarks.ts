/**
 * Face-mesh keypoint indices (MediaPipe's 468-point topology) that the readings use. "Right"
 * is the person's right, which is the left of an unmirrored camera image.
 */

/** Eye contours, each listed so that RIGHT_EYE[i] and LEFT_EYE[i] are mirror images. */
export const RIGHT_EYE = [33, 7, 163, 144, 145, 153, 154, 155, 133, 173, 157, 158, 159, 160, 161, 246] as const;
export const LEFT_EYE = [263, 249, 390, 373, 374, 380, 381, 382, 362, 398, 384, 385, 386, 387, 388, 466] as const;

/** Upper/lower lid pairs and the eye corners, for the opening ratio. */
export const RIGHT_LIDS: ReadonlyArray<readonly [number, number]> = [
  [160, 144],
  [159, 145],
  [158, 153],
];
export const LEFT_LIDS: ReadonlyArray<readonly [number, number]> = [
  [385, 380],
  [386, 374],
  [387, 373],
];
export const RIGHT_CORNERS = [33, 133] as const;
export const LEFT_CORNERS = [263, 362] as const;

/** Top of the mesh on the forehead, the bridge of the nose between the eyes, and the chin. */
export const FOREHEAD_TOP = 10;
export const NASION = 168;
export const CHIN = 152;

/**
 * The face's silhouette ring, clockwise in the camera image from the forehead top: down the
 * image-right side (the person's left) to the chin and back up the other side. Index k and
 * index 36 − k (k = 1..17) are mirror images; 0 (forehead) and 18 (chin) are on the midline.
 */
export const SILHOUETTE = [
  10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21,
  54, 103, 67, 109,
] as const;

function silhouettePairs(): Array<readonly [number, number]> {
  const pairs: Array<readonly [number, number]> = [];
  for (let k = 1; k < SILHOUETTE.length / 2; k++) {
    const right = SILHOUETTE[SILHOUETTE.length - k];
    const left = SILHOUETTE[k];
    if (right !== undefined && left !== undefined) pairs.push([right, left]);
  }
  return pairs;
}

/**
 * Mirror-image pairs [person's right, person's left]: the silhouette, the eye contours, the
 * brows, the nostrils and the mouth corners. Their mean difference is the face's left-right
 * axis, which many points give far more steadily than two eye corners.
 */
export const MIRROR_PAIRS: ReadonlyArray<readonly [number, number]> = [
  ...silhouettePairs(),
  ...RIGHT_EYE.map((r, i): readonly [number, number] => [r, LEFT_EYE[i] ?? r]),
  [70, 300],
  [105, 334],
  [107, 336],
  [98, 327],
  [61, 291],
];
