import { FACE_CONFIDENCE_FLOOR, MESH_CONFIDENCE_FLOOR } from '../rules/table.ts';
import type { ReadingKey, Readings } from '../rules/table.ts';
import { LEFT_CORNERS, LEFT_EYE, LEFT_LIDS, RIGHT_CORNERS, RIGHT_EYE, RIGHT_LIDS } from './landmarks.ts';
import { faceOutline, fitInOval } from './outline.ts';
import { pixelStats } from './pixels.ts';
import { headPose, type Point3 } from './pose.ts';
import type { Box, FaceGeometry, FaceInput, Point, RgbaImage } from './types.ts';

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
  /** Readings this frame could not take yet (the mesh still loading: measure-detector.ts); pass to evaluate(). */
  pending?: readonly ReadingKey[];
}

function point(mesh: FaceInput['mesh'], i: number, scale: number): Point {
  const p = mesh[i];
  return { x: (p?.[0] ?? 0) * scale, y: (p?.[1] ?? 0) * scale };
}

function mean(points: readonly Point[]): Point {
  const s = points.reduce((acc, p) => ({ x: acc.x + p.x, y: acc.y + p.y }), { x: 0, y: 0 });
  return { x: s.x / Math.max(1, points.length), y: s.y / Math.max(1, points.length) };
}

function dist(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

function meshBox(mesh: FaceInput['mesh'], scale: number): Box {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const p of mesh) {
    const x = (p[0] ?? 0) * scale;
    const y = (p[1] ?? 0) * scale;
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** The mesh in crop pixels, depth included (0 where the detector gave none). */
function meshIn(mesh: FaceInput['mesh'], scale: number): Point3[] {
  return mesh.map((p) => [(p[0] ?? 0) * scale, (p[1] ?? 0) * scale, (p[2] ?? 0) * scale]);
}

function eyeOpening(mesh: FaceInput['mesh'], lids: typeof LEFT_LIDS, corners: readonly [number, number]): number {
  const width = dist(point(mesh, corners[0], 1), point(mesh, corners[1], 1));
  if (width <= 0) return 0;
  const gaps = lids.map(([a, b]) => dist(point(mesh, a, 1), point(mesh, b, 1)));
  return gaps.reduce((s, g) => s + g, 0) / gaps.length / width;
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

/** A find counts as a face when the detector is sure enough and the mesh model agrees. */
export function isFace(f: FaceInput): boolean {
  return f.score >= FACE_CONFIDENCE_FLOOR && (f.meshScore ?? 1) >= MESH_CONFIDENCE_FLOOR && f.mesh.length >= 468;
}

/**
 * Turns detector output and pixels into the readings the rules check, in crop pixels.
 * Face size comes from the mesh keypoints, not the detector box, which is an enlarged crop.
 */
export function measure(input: MeasureInput): Measurement {
  const { crop, image } = input;
  const faces = input.faces.filter(isFace);
  const scale = crop.width / image.width;
  if (faces.length === 0) return { readings: emptyReadings(0, crop.height), face: null, motionSample: null };

  const withBoxes = faces.map((f) => ({ f, box: meshBox(f.mesh, scale) }));
  withBoxes.sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
  const largest = withBoxes[0];
  if (!largest) return { readings: emptyReadings(0, crop.height), face: null, motionSample: null };
  const { f, box } = largest;

  const rightEye = mean(RIGHT_EYE.map((i) => point(f.mesh, i, scale)));
  const leftEye = mean(LEFT_EYE.map((i) => point(f.mesh, i, scale)));
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const side = Math.min(box.width, box.height);
  const marginPx = Math.min(box.x, box.y, crop.width - (box.x + box.width), crop.height - (box.y + box.height));
  const points = meshIn(f.mesh, scale);
  const outline = faceOutline(points.map(([x, y]) => ({ x, y }))) ?? [];
  const fit = fitInOval(outline, crop);
  // A flat mesh still gives the roll; yaw and pitch need the depth.
  const hasDepth = f.mesh.every((p) => p.length >= 3);
  const angles = headPose(points);
  const pose = hasDepth ? angles : null;

  const inner = innerFace(box);
  const stats = pixelStats(image, {
    x: inner.x / scale,
    y: inner.y / scale,
    width: inner.width / scale,
    height: inner.height / scale,
  });

  const at = input.at;
  const previous = input.previous;
  const motion =
    previous && at !== undefined && at > previous.at ? dist(centre, previous.centre) / Math.max(1, previous.side) / ((at - previous.at) / 100) : null;

  const readings: Readings = {
    faceCount: faces.length,
    faceSide: side,
    eyeDistance: dist(leftEye, rightEye),
    faceWidthShare: box.width / crop.width,
    margin: marginPx / Math.max(1, side),
    ovalOverflow: fit?.overflow ?? null,
    yaw: pose ? Math.abs(pose.yaw) : null,
    pitch: pose ? Math.abs(pose.pitch) : null,
    roll: angles ? Math.abs(angles.roll) : null,
    brightness: stats?.brightness ?? null,
    clipped: stats?.clipped ?? null,
    unevenness: stats?.unevenness ?? null,
    sharpness: stats?.sharpness ?? null,
    motion,
    eyeOpenness: Math.min(eyeOpening(f.mesh, RIGHT_LIDS, RIGHT_CORNERS), eyeOpening(f.mesh, LEFT_LIDS, LEFT_CORNERS)),
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
