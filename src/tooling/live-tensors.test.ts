/**
 * The browser's analysis (Human's detector, then the landmark network's two looks, on tfjs'
 * WASM backend, as the worker sets them up) frees every tensor it makes: across 100 frames of
 * a placed face, a far one, a cat and an empty wall, the count of live tensors does not grow.
 * A tensor left behind per frame is a phone's tab killed after a few minutes of guidance.
 */
import sharp from 'sharp';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ANALYSIS_HEIGHT } from '../core/analysis/measure/scale.ts';
import type { RgbaImage } from '../core/analysis/types.ts';
import { loadNodeDetector, servedModels, type NodeFaceDetector } from '../server/reference/human-node.ts';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'e2e', 'fixtures');
const FRAMES = 100;
/** Frames before counting: the first calls of a model may build tensors it then keeps (anchors, shapes). */
const WARM_UP = 8;

/** A photo placed on a grey 3:4 frame at the analysis size, `share` of its height. */
async function frame(file: string | null, share: number): Promise<RgbaImage> {
  const height = ANALYSIS_HEIGHT;
  const width = Math.round((height * 3) / 4);
  const base = sharp({ create: { width, height, channels: 4, background: { r: 122, g: 127, b: 134, alpha: 1 } } });
  const layers = file
    ? [
        {
          input: await sharp(join(FIXTURES, file))
            .resize(Math.round(width * share))
            .toBuffer(),
          gravity: 'centre' as const,
        },
      ]
    : [];
  const { data, info } = await base.composite(layers).raw().toBuffer({ resolveWithObject: true });
  return {
    width: info.width,
    height: info.height,
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  };
}

let detector: NodeFaceDetector;
let scenes: RgbaImage[];

beforeAll(async () => {
  detector = await loadNodeDetector(servedModels(), { asBrowser: true });
  scenes = [
    await frame('astronaut.png', 1),
    await frame('astronaut.png', 0.45),
    await frame('chelsea.png', 1),
    await frame(null, 0),
  ];
}, 120_000);

describe('live tensors across 100 analysed frames', () => {
  it('stay level once the models are warm', async () => {
    const counts: number[] = [];
    let faces = 0;
    for (let i = 0; i < FRAMES; i++) {
      const scene = scenes[i % scenes.length];
      if (!scene) throw new Error('no scene');
      faces += (await detector.detect(scene)).length;
      counts.push(detector.liveTensors());
    }
    const warm = counts[WARM_UP - 1] ?? Number.NaN;
    console.log(
      `live tensors: after frame 1 ${counts[0]}, after frame ${WARM_UP} ${warm}, after frame ${FRAMES} ${counts.at(-1)}; ${faces} faces found`,
    );
    // Faces were found: the landmark network ran, not only the detector.
    expect(faces).toBeGreaterThanOrEqual(FRAMES / scenes.length);
    expect(Math.max(...counts.slice(WARM_UP))).toBeLessThanOrEqual(warm);
  }, 300_000);
});
