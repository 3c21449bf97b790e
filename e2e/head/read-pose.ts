/**
 * The head renderer's stills read the way the browser reads a camera frame: the portrait
 * crop at the analysis size, the detector and the landmark network in Node (the reference
 * engine's set-up), measure(). For the known-pose test, the template maker and the benchmark.
 */
import sharp from 'sharp';
import { measure, type Measurement } from '../../src/core/analysis/measure/measure.ts';
import { analysisImage, type Frame } from '../../src/server/reference/testing/scenes.ts';
import type { FaceInput, Point } from '../../src/core/analysis/types.ts';
import { portraitCrop } from '../../src/core/capture/crop.ts';
import { loadNodeDetector, type NodeFaceDetector } from '../../src/server/reference/human-node.ts';

let detector: Promise<NodeFaceDetector> | null = null;

export async function frameOf(png: Buffer): Promise<Frame> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

export interface Reading {
  measurement: Measurement;
  faces: FaceInput[];
  /** The largest face's landmarks in the frame's own pixels (null: none read). */
  landmarksInFrame: Point[] | null;
}

export async function readStill(png: Buffer): Promise<Reading> {
  detector ??= loadNodeDetector();
  const frame = await frameOf(png);
  const { image, crop } = await analysisImage(frame);
  const faces = await (await detector).detect(image);
  const plan = portraitCrop(frame.width, frame.height);
  const k = plan.sw / image.width;
  const largest = [...faces].filter((f) => f.landmarks).sort((a, b) => (b.box?.width ?? 0) - (a.box?.width ?? 0))[0];
  const landmarksInFrame = largest?.landmarks?.map((p) => ({ x: plan.sx + p.x * k, y: plan.sy + p.y * k })) ?? null;
  return { measurement: measure({ faces, image, crop }), faces, landmarksInFrame };
}
