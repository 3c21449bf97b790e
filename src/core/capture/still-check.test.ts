import { describe, expect, it } from 'vitest';
import {
  faceRegion,
  judgeStill,
  probePixels,
  spread,
  STILL_FACE_TOLERANCE,
  STILL_GRID,
  STILL_SPREAD_FLOOR,
} from './still-check.ts';

const grid = (fill: (i: number) => number): number[] =>
  Array.from({ length: STILL_GRID * STILL_GRID }, (_, i) => fill(i));
const face = { region: { x: 0.3, y: 0.3, width: 0.4, height: 0.4 }, luma: 120 };

describe('judgeStill', () => {
  it.each([
    ['all black', grid(() => 0), null, null, 'flat'],
    ['all one grey', grid(() => 128), null, null, 'flat'],
    ['JPEG noise on black', grid((i) => i % 3), null, null, 'flat'],
    ['a real picture', grid((i) => (i * 37) % 256), null, null, null],
    [
      'just above the floor',
      grid((i) => (i % 2 ? 128 + STILL_SPREAD_FLOOR : 128 - STILL_SPREAD_FLOOR)),
      null,
      null,
      null,
    ],
    ['face as analysed', grid((i) => (i * 37) % 256), 125, face, null],
    ['face within the tolerance', grid((i) => (i * 37) % 256), 120 - STILL_FACE_TOLERANCE, face, null],
    [
      'face far darker than analysed',
      grid((i) => (i * 37) % 256),
      120 - STILL_FACE_TOLERANCE - 1,
      face,
      'face-mismatch',
    ],
    ['face far brighter than analysed', grid((i) => (i * 37) % 256), 230, face, 'face-mismatch'],
    ['flat wins over the face', grid(() => 0), 0, face, 'flat'],
    ['no face region read: spread only', grid((i) => (i * 37) % 256), null, face, null],
  ] as const)('%s', (_name, samples, faceLuma, expected, verdict) => {
    expect(judgeStill({ samples, faceLuma }, expected)).toBe(verdict);
  });
});

describe('probePixels', () => {
  const image = (width: number, height: number, rgba: (x: number, y: number) => [number, number, number]) => {
    const data = new Uint8ClampedArray(width * height * 4);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) data.set([...rgba(x, y), 255], (y * width + x) * 4);
    }
    return { data, width, height };
  };

  it('samples the whole still and measures the region', () => {
    // Left half black, right half white: half the grid each, the right-hand region white.
    const probe = probePixels(
      image(48, 64, (x) => (x < 24 ? [0, 0, 0] : [255, 255, 255])),
      { x: 0.6, y: 0.2, width: 0.3, height: 0.5 },
    );
    expect(probe.samples).toHaveLength(STILL_GRID * STILL_GRID);
    expect(probe.samples.filter((v) => v > 250)).toHaveLength((STILL_GRID * STILL_GRID) / 2);
    expect(probe.faceLuma).toBeCloseTo(255, 0);
    expect(spread(probe.samples)).toBeCloseTo(127.5, 0);
  });

  it('reads no region when none is asked for', () => {
    expect(
      probePixels(
        image(8, 8, () => [10, 20, 30]),
        null,
      ).faceLuma,
    ).toBeNull();
  });
});

describe('faceRegion', () => {
  it('is the inner face the brightness reading covers, as fractions of the crop', () => {
    expect(faceRegion({ x: 100, y: 200, width: 400, height: 400 }, { width: 800, height: 1000 })).toEqual({
      x: 0.225,
      y: 0.3,
      width: 0.3,
      height: 0.24,
    });
  });
});
