/**
 * The worker runs Human's face detector from Human's source (detector.ts); the Node tools and
 * the server run the `Human` class. Both must box every face the same way, or what the tests
 * and the reference service read would not be what a person's browser reads. Scenes: the
 * astronaut placed as the camera clips place it (near, far, off to a side, at an edge), a cat,
 * an empty wall.
 */
import * as tf from '@tensorflow/tfjs-core';
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadNodeDetector, servedModels, type NodeFaceDetector } from '../../../server/reference/human-node.ts';
import { humanConfig } from '../human-config.ts';
import { toFaceInputs } from '../human-faces.ts';
import { ANALYSIS_HEIGHT } from '../scale.ts';
import { analysisImage, ASTRONAUT, cameraFrame, type Placement } from '../testing/scenes.ts';
import type { FaceInput, RgbaImage } from '../types.ts';
import { loadHumanFaceDetector, type HumanFaceDetector } from './detector.ts';

const CAT = new URL('../../../../e2e/fixtures/chelsea.png', import.meta.url);

const PLACEMENTS: Array<[string, Placement]> = [
  ['placed as the compliant clip', { scale: 3.2, fx: 0.5, fy: 0.45 }],
  ['far', { scale: 1.2, fx: 0.5, fy: 0.45 }],
  ['off to the left', { scale: 2.4, fx: 0.38, fy: 0.5 }],
  ['cut by the top edge', { scale: 3.2, fx: 0.5, fy: 0.12 }],
  ['close', { scale: 5, fx: 0.5, fy: 0.5 }],
];

async function flat(file: URL | null): Promise<RgbaImage> {
  const height = ANALYSIS_HEIGHT;
  const width = Math.round((height * 3) / 4);
  const base = sharp({ create: { width, height, channels: 4, background: { r: 122, g: 127, b: 134, alpha: 1 } } });
  const layers = file
    ? [
        {
          input: await sharp(await readFile(file))
            .resize(width)
            .toBuffer(),
          gravity: 'centre' as const,
        },
      ]
    : [];
  const { data, info } = await base.composite(layers).raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/** The keypoints' x and y: Human's class gives their depth as NaN without a mesh, the worker none. */
function plane(faces: FaceInput[]): FaceInput[] {
  return faces.map((face) => ({ ...face, mesh: face.mesh.map((p) => p.slice(0, 2)) }));
}

let human: NodeFaceDetector;
let worker: HumanFaceDetector;
const scenes: Array<[string, RgbaImage]> = [];

beforeAll(async () => {
  const models = servedModels();
  human = await loadNodeDetector(models, { asBrowser: true, landmarks: false });
  // The same model files, through the load router the Node detector registered (tfjs' engine is one per process).
  worker = await loadHumanFaceDetector(tf, humanConfig(human.modelRoot, { names: models.names }));
  const still = await readFile(ASTRONAUT);
  for (const [name, at] of PLACEMENTS) scenes.push([name, (await analysisImage(await cameraFrame(still, at))).image]);
  scenes.push(['a cat', await flat(CAT)], ['an empty wall', await flat(null)]);
}, 120_000);

describe("the worker's detector and Human's class", () => {
  it.each(PLACEMENTS.map(([name]) => name).concat(['a cat', 'an empty wall']))('box %s the same', async (name) => {
    const image = scenes.find(([n]) => n === name)?.[1];
    if (!image) throw new Error(`no scene ${name}`);
    const expected = plane(await human.detect(image));
    const got = plane(toFaceInputs(await worker.detect(image)));
    expect(got).toEqual(expected);
  });

  it('found faces where there are faces (so the comparison means something)', async () => {
    const found = await Promise.all(scenes.map(async ([, image]) => (await worker.detect(image)).length));
    expect(found.slice(0, 3).every((n) => n === 1)).toBe(true);
  });

  it('leaves no tensor behind across frames', async () => {
    for (const [, image] of scenes) await worker.detect(image);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) for (const [, image] of scenes) await worker.detect(image);
    expect(tf.memory().numTensors).toBe(before);
  });
});
