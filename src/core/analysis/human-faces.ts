import type { FaceInput } from './types.ts';

/** The part of Human's FaceResult the rules read; kept structural so Node and browser builds both fit. */
export interface HumanFaceLike {
  score: number;
  boxScore?: number;
  faceScore?: number;
  mesh: ReadonlyArray<ReadonlyArray<number | undefined>>;
  rotation?: { angle: { yaw: number; pitch: number; roll: number } } | null;
  /** The detector's box [x, y, width, height] (enlarged and squared by Human). */
  box?: readonly number[];
  real?: number;
  live?: number;
}

/**
 * Human's faces as plain data for measure(). The detector's own score decides whether a face
 * counts (the floor is in the rules table); the mesh score is read as the occlusion signal.
 */
export function toFaceInputs(faces: readonly HumanFaceLike[]): FaceInput[] {
  return faces.map((face) => {
    const input: FaceInput = {
      score: face.boxScore ?? face.score,
      mesh: face.mesh.map((p) => [p[0] ?? 0, p[1] ?? 0]),
    };
    if (face.faceScore !== undefined) input.meshScore = face.faceScore;
    if (face.rotation) input.angle = { ...face.rotation.angle };
    const [x, y, width, height] = face.box ?? [];
    if (x !== undefined && y !== undefined && width !== undefined && height !== undefined) input.box = { x, y, width, height };
    if (face.real !== undefined) input.real = face.real;
    if (face.live !== undefined) input.live = face.live;
    return input;
  });
}
