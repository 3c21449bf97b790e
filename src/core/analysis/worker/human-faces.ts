import type { FaceInput } from '../types.ts';

/** The part of Human's FaceResult the rules read; kept structural so Node and browser builds both fit. */
export interface HumanFaceLike {
  score: number;
  boxScore?: number;
  faceScore?: number;
  /** Keypoints: x, y in image pixels; z in the mesh model's own input pixels. */
  mesh: ReadonlyArray<ReadonlyArray<number | undefined>>;
  /** The same keypoints as shares: x, y of the image, z of the face crop the mesh model saw. */
  meshRaw?: ReadonlyArray<ReadonlyArray<number | undefined>>;
  /** That face crop as shares of the image: [x, y, width, height]. */
  boxRaw?: ReadonlyArray<number>;
  /** The detector's box [x, y, width, height] (enlarged and squared by Human). */
  box?: readonly number[];
  real?: number;
  live?: number;
}

/** The analysed image's width in pixels, from a keypoint given both in pixels and as a share. */
function imageWidth(face: HumanFaceLike): number | null {
  const raw = face.meshRaw;
  if (!raw) return null;
  let best = { share: 0, px: 0 };
  face.mesh.forEach((p, i) => {
    const share = raw[i]?.[0] ?? 0;
    if (share > best.share) best = { share, px: p[0] ?? 0 };
  });
  return best.share > 0 ? best.px / best.share : null;
}

/**
 * The mesh with its depth in image pixels, like x and y. Human scales x and y from the mesh
 * model's input (192 px across the face crop) to the image but leaves z in model pixels; its
 * raw z is z / 192, a share of the crop, and the crop is boxRaw[2] of the image's width.
 * Without the raw values the mesh stays flat (no yaw or pitch).
 */
function meshInPixels(face: HumanFaceLike): number[][] {
  const width = imageWidth(face);
  const crop = face.boxRaw?.[2];
  const depthScale = width !== null && crop !== undefined ? crop * width : null;
  return face.mesh.map((p, i) => {
    const x = p[0] ?? 0;
    const y = p[1] ?? 0;
    const z = face.meshRaw?.[i]?.[2];
    return depthScale === null || z === undefined ? [x, y] : [x, y, z * depthScale];
  });
}

/**
 * Human's faces as plain data for measure(). The detector's own score decides whether a face
 * counts (the floor is in the rules table); the mesh score is read as the occlusion signal.
 */
export function toFaceInputs(faces: readonly HumanFaceLike[]): FaceInput[] {
  return faces.map((face) => {
    const input: FaceInput = { score: face.boxScore ?? face.score, mesh: meshInPixels(face) };
    // Without the mesh (the browser) Human still reports a face score, of 0; a face the mesh
    // ran on and kept always scores above its floor.
    if (face.faceScore !== undefined && face.faceScore > 0) input.meshScore = face.faceScore;
    const [x, y, width, height] = face.box ?? [];
    if (x !== undefined && y !== undefined && width !== undefined && height !== undefined)
      input.box = { x, y, width, height };
    if (face.real !== undefined) input.real = face.real;
    if (face.live !== undefined) input.live = face.live;
    return input;
  });
}
