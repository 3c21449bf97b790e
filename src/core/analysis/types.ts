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
   * The 468 face-mesh keypoints [x, y, z?] (MediaPipe topology), all in pixels of the analysed
   * image; z is depth, growing away from the camera (without z no yaw or pitch can be read).
   * From the detector alone: its 6 keypoints (eyes, nose, mouth, ears).
   */
  mesh: ReadonlyArray<ReadonlyArray<number>>;
  /**
   * The 68 face landmarks (iBUG layout, measure/landmarks68/indices.ts) in pixels of the analysed
   * image, where the landmark network ran on this face.
   */
  landmarks?: ReadonlyArray<Point>;
  /** false: two looks of the landmark network disagreed, as they do on things that are not faces. */
  landmarksSteady?: boolean;
  /** The detector's box (enlarged and squared around the face), in analysed-image pixels. */
  box?: Box;
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

/** Head pose in degrees, signed, in the unmirrored camera image (see measure/pose.ts). */
export interface HeadPose {
  /** > 0: turned towards the image's right (the person's own left). */
  yaw: number;
  /** > 0: chin up; < 0: chin down. */
  pitch: number;
  /** > 0: leaning clockwise in the image (towards the person's left shoulder). */
  roll: number;
}

/**
 * Where the face is, in pixels of the portrait crop that would be uploaded, in the unmirrored
 * camera image (x right, y down). A mirrored preview flips x (see previewPoint).
 */
export interface FaceGeometry {
  /** Box of the mesh keypoints. */
  box: Box;
  centre: Point;
  leftEye: Point;
  rightEye: Point;
  /**
   * The face as the person sees it, forehead (hairline) to chin and ear to ear: a closed
   * polygon, clockwise from the forehead top. The centring rule compares it with the oval.
   */
  outline: Point[];
  /**
   * Centre of the outline's box minus the oval's centre, crop pixels: x > 0 the face is to the
   * right of the oval in the camera image, y > 0 below it. The face must move the other way.
   */
  offset: Point;
  /** Signed head angles; null when the mesh has no depth. */
  pose: HeadPose | null;
}
