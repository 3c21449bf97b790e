/** Plain data that crosses the worker boundary and the server's analysis step. */

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One detected face as the detector reports it, in pixels of the analysed image. */
export interface FaceInput {
  /** Detector confidence, 0..1. */
  score: number;
  /** Face-mesh confidence, 0..1, when the detector reports it. */
  meshScore?: number;
  /**
   * The 468 face-mesh keypoints [x, y, z?] (MediaPipe topology), or, from the detector alone,
   * its 6 keypoints (eyes, nose, mouth, ears).
   */
  mesh: ReadonlyArray<ReadonlyArray<number>>;
  /** The detector's box (enlarged and squared around the face), in analysed-image pixels. */
  box?: Box;
  /** Head pose in radians. */
  angle?: { yaw: number; pitch: number; roll: number };
  /** Advisory anti-spoofing scores, 0..1, where the models ran. */
  real?: number;
  live?: number;
}

/** RGBA pixels, as ImageData and sharp's raw output give them. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray | Uint8Array;
}

/** Where the face is, in pixels of the portrait crop that would be uploaded. */
export interface FaceGeometry {
  box: Box;
  centre: Point;
  leftEye: Point;
  rightEye: Point;
}
