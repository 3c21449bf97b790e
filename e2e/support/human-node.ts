/**
 * Human in Node, for tests and tools that measure a real image the way the browser does (the
 * uploaded selfie in e2e, the camera clips when calibrating the rules). It is the reference
 * engine's own detector (src/server/reference/human-node.ts), so there is one Node set-up.
 */
import sharp from 'sharp';
import { measure, type Measurement } from '../../src/core/analysis/measure/measure.ts';
import { ANALYSIS_HEIGHT } from '../../src/core/analysis/measure/scale.ts';
import type { FaceInput, RgbaImage } from '../../src/core/analysis/types.ts';
import { loadNodeDetector, type NodeFaceDetector } from '../../src/server/reference/human-node.ts';

let detector: Promise<NodeFaceDetector> | null = null;

/** Decodes an image file to RGBA at `height` px tall (or its own size). */
export async function decodeRgba(bytes: Buffer, height?: number): Promise<RgbaImage> {
  const pipeline = sharp(bytes).rotate();
  const { data, info } = await (height ? pipeline.resize({ height }) : pipeline)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    width: info.width,
    height: info.height,
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  };
}

export async function detectFaces(image: RgbaImage): Promise<FaceInput[]> {
  detector ??= loadNodeDetector();
  return (await detector).detect(image);
}

/** Measures an image file as if it were the upload: readings in its own pixels. */
export async function measureImage(bytes: Buffer, analysisHeight = ANALYSIS_HEIGHT): Promise<Measurement> {
  const meta = await sharp(bytes).rotate().metadata();
  const image = await decodeRgba(bytes, Math.min(analysisHeight, meta.height ?? analysisHeight));
  const crop = {
    width: meta.autoOrient?.width ?? meta.width ?? image.width,
    height: meta.autoOrient?.height ?? meta.height ?? image.height,
  };
  return measure({ faces: await detectFaces(image), image, crop });
}
