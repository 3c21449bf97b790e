import { FACE_CONFIDENCE_FLOOR, MESH_CONFIDENCE_FLOOR, type ReadingKey, type Readings } from '../../rules/table.ts';
import { LEFT_EYE, RIGHT_EYE } from './landmarks68/indices.ts';
import { landmarkOutline } from './landmarks68/outline.ts';
import { landmarkPose } from './landmarks68/pose.ts';
import { fitInOval } from './outline.ts';
import { pixelStats } from './pixels.ts';
import type { Box, FaceGeometry, FaceInput, Point, RgbaImage } from '../types.ts';

export interface MeasureInput {
  faces: readonly FaceInput[];
  /** The analysed image: the portrait crop, possibly scaled down. */
  image: RgbaImage;
  /** Size of the crop that would be uploaded; readings are scaled to it. */
  crop: { width: number; height: number };
  /** The previous frame's face, for the motion reading. */
  previous?: MotionSample | null;
  /** Frame time in ms (performance.now()); needed only for motion. */
  at?: number;
}

export interface MotionSample {
  centre: Point;
  side: number;
  at: number;
}

export interface Measurement {
  readings: Readings;
  /** The measured face in crop pixels, for overlays and the next frame's motion. */
  face: FaceGeometry | null;
  motionSample: MotionSample | null;
  /** Advisory anti-spoofing scores from the detector, if it ran those models. */
  real?: number;
  live?: number;
  /** Readings this frame could not take yet; pass to evaluate(). */
  pending?: readonly ReadingKey[];
}

/** The inner face: cheeks to cheeks, brows to mouth; hair and background excluded. */
export function innerFace(box: Box): Box {
  return { x: box.x + box.width * 0.2, y: box.y + box.height * 0.25, width: box.width * 0.6, height: box.height * 0.6 };
}

/** Readings with nothing read but the face count and the crop height. */
export function emptyReadings(faceCount: number, cropHeight: number): Readings {
  return {
    faceCount,
    faceSide: null,
    eyeDistance: null,
    faceWidthShare: null,
    margin: null,
    ovalOverflow: null,
    yaw: null,
    pitch: null,
    roll: null,
    brightness: null,
    clipped: null,
    unevenness: null,
    sharpness: null,
    motion: null,
    eyeOpenness: null,
    meshConfidence: null,
    cropHeight,
  };
}

/**
 * With no face mesh to confirm a find (the browser), the detector must be surer than the
 * rules' floor: the cat clip reaches 0.62 on the detector; real faces in the camera clips read
 * 0.71 and up in Node, the overexposed one a little under 0.7 in the browser.
 */
export const LANDMARK_FACE_FLOOR = Math.max(FACE_CONFIDENCE_FLOOR, 0.66);

/**
 * The smallest face, in pixels of the analysed image, whose angles are read: under it the
 * network's 112 px input is the face blown up more than about 1.5 times.
 */
export const MIN_POSE_SIDE = 80;

/** The sharpness (pixels.ts) under which the landmarks drift: the BLURRY row's limit. */
export const MIN_POSE_SHARPNESS = 0.25;

const dist = (a: Point, b: Point): number => Math.hypot(a.x - b.x, a.y - b.y);

function mean(points: readonly Point[]): Point {
  const s = points.reduce((acc, p) => ({ x: acc.x + p.x, y: acc.y + p.y }), { x: 0, y: 0 });
  return { x: s.x / Math.max(1, points.length), y: s.y / Math.max(1, points.length) };
}

function boxOf(points: readonly Point[]): Box {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

/** Eye aspect ratio: the two lid gaps over the corner-to-corner width (the classic open/shut reading). */
export function eyeAspect(eye: readonly Point[]): number {
  const [outer, upA, upB, inner, lowB, lowA] = eye;
  if (!outer || !upA || !upB || !inner || !lowB || !lowA) return 0;
  const width = dist(outer, inner);
  return width > 0 ? (dist(upA, lowA) + dist(upB, lowB)) / (2 * width) : 0;
}

/**
 * A find counts as a face when the detector is sure enough, the landmarks were read and,
 * where the face mesh ran (the server), the mesh agrees.
 */
export function isLandmarkFace(f: FaceInput): f is FaceInput & { landmarks: readonly Point[] } {
  return countsAsFace(f) && (f.landmarks?.length ?? 0) === 68;
}

/**
 * The faces the count sees: sure enough for the detector and, where they ran, steady under
 * the landmark network's two looks and confirmed by the mesh (the server's).
 */
function countsAsFace(f: FaceInput): boolean {
  return f.score >= LANDMARK_FACE_FLOOR && (f.meshScore ?? 1) >= MESH_CONFIDENCE_FLOOR && f.landmarksSteady !== false;
}

/**
 * Readings from the detector and the 68 landmarks of the largest face, in crop pixels. The
 * face's size and place come from its outline (the jaw line closed over the forehead at the
 * hairline), the angles from the landmarks fitted to a 3D head (pose.ts).
 */
export function measure(input: MeasureInput): Measurement {
  const { crop, image } = input;
  const scale = crop.width / image.width;
  const counted = input.faces.filter(countsAsFace);
  const faces = counted
    .filter(isLandmarkFace)
    .map((f) => ({ f, points: f.landmarks.map((p) => ({ x: p.x * scale, y: p.y * scale })) }));
  const outlined = faces.flatMap(({ f, points }) => {
    const outline = landmarkOutline(points);
    return outline ? [{ f, points, outline, box: boxOf(outline) }] : [];
  });
  outlined.sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
  const largest = outlined[0];
  if (!largest) return { readings: emptyReadings(counted.length, crop.height), face: null, motionSample: null };
  const { f, points, outline, box } = largest;

  const rightEyePoints = RIGHT_EYE.map((i) => points[i] ?? { x: 0, y: 0 });
  const leftEyePoints = LEFT_EYE.map((i) => points[i] ?? { x: 0, y: 0 });
  const rightEye = mean(rightEyePoints);
  const leftEye = mean(leftEyePoints);
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const side = Math.min(box.width, box.height);
  const marginPx = Math.min(box.x, box.y, crop.width - (box.x + box.width), crop.height - (box.y + box.height));
  const fit = fitInOval(outline, crop);
  const inner = innerFace(box);
  const stats = pixelStats(image, {
    x: inner.x / scale,
    y: inner.y / scale,
    width: inner.width / scale,
    height: inner.height / scale,
  });
  // Landmarks too coarse for angles: a face only a few dozen pixels across (a far face read a
  // 33° turn) or out of focus (a blurred one read 24° of pitch). No angles then: the hint is
  // the size or the focus one, which is what the person can fix.
  const readable = side / scale >= MIN_POSE_SIDE && (stats?.sharpness ?? 0) >= MIN_POSE_SHARPNESS;
  const pose = readable ? landmarkPose(points, crop) : null;
  const { at, previous } = input;
  const motion =
    previous && at !== undefined && at > previous.at
      ? dist(centre, previous.centre) / Math.max(1, previous.side) / ((at - previous.at) / 100)
      : null;

  // A face cut by the picture's edge cannot be sized: the network squeezes what it sees of it
  // into a whole face, so it would read small and ask the person to come closer.
  const sized = marginPx >= 0;
  const readings: Readings = {
    faceCount: counted.length,
    faceSide: sized ? side : null,
    eyeDistance: sized ? dist(leftEye, rightEye) : null,
    faceWidthShare: box.width / crop.width,
    margin: marginPx / Math.max(1, side),
    ovalOverflow: fit?.overflow ?? null,
    yaw: pose ? Math.abs(pose.yaw) : null,
    pitch: pose ? Math.abs(pose.pitch) : null,
    roll: pose ? Math.abs(pose.roll) : null,
    brightness: stats?.brightness ?? null,
    clipped: stats?.clipped ?? null,
    unevenness: stats?.unevenness ?? null,
    sharpness: stats?.sharpness ?? null,
    motion,
    eyeOpenness: Math.min(eyeAspect(rightEyePoints), eyeAspect(leftEyePoints)),
    // Only where the face mesh ran (the server): the browser's landmark network gives no confidence of its own.
    meshConfidence: f.meshScore ?? null,
    cropHeight: crop.height,
  };
  const measurement: Measurement = {
    readings,
    face: { box, centre, leftEye, rightEye, outline, offset: fit?.offset ?? { x: 0, y: 0 }, pose },
    motionSample: at === undefined ? null : { centre, side, at },
  };
  if (f.real !== undefined) measurement.real = f.real;
  if (f.live !== undefined) measurement.live = f.live;
  return measurement;
}
