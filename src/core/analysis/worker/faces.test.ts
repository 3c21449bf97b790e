import { describe, expect, it } from 'vitest';
import { toFaceInputs, type HumanFaceLike } from './human-faces.ts';
import { isLandmarkFace, measure } from '../measure/measure.ts';
import type { FaceInput, Point } from '../types.ts';

/** 68 landmarks spread over a box: enough geometry for measure() to read a face. */
function landmarks(x: number, y: number, side: number): Point[] {
  return Array.from({ length: 68 }, (_, i) => ({
    x: x + ((i * 37) % 68) * (side / 67),
    y: y + ((i * 53) % 68) * (side / 67),
  }));
}

/** A 468-point mesh, as Human reports it; measure() reads the landmarks, never the mesh. */
function mesh(x: number, y: number, side: number): number[][] {
  return Array.from({ length: 468 }, (_, i) => [
    x + ((i * 37) % 100) * (side / 99),
    y + ((i * 53) % 100) * (side / 99),
  ]);
}

const image = { width: 300, height: 400, data: new Uint8ClampedArray(300 * 400 * 4).fill(128) };

describe('what counts as a face', () => {
  it.each<[string, Partial<FaceInput>, boolean]>([
    ['a confident detection with its landmarks (the browser: no mesh)', { score: 0.9 }, true],
    ['the cat fixture: detector just above the rules floor, under the landmark floor', { score: 0.62 }, false],
    [
      "a confident detection the server's mesh is unsure of (a cat through the JPEG path)",
      { score: 0.81, meshScore: 0.65 },
      false,
    ],
    ['a mesh just at the floor', { score: 0.9, meshScore: 0.7 }, true],
    ['a weak detection', { score: 0.5, meshScore: 1 }, false],
    ['no landmarks read', { score: 0.9, landmarks: [] }, false],
    ['truncated landmarks', { score: 0.9, landmarks: landmarks(0, 0, 100).slice(0, 30) }, false],
  ])('%s → %s', (_name, patch, expected) => {
    expect(isLandmarkFace({ score: 0, mesh: [], landmarks: landmarks(50, 50, 150), ...patch })).toBe(expected);
  });

  it('counts only faces, and measures the largest', () => {
    const faces: FaceInput[] = [
      { score: 0.9, mesh: mesh(20, 20, 60), landmarks: landmarks(20, 20, 60) },
      { score: 0.9, mesh: mesh(100, 120, 150), landmarks: landmarks(100, 120, 150) },
      { score: 0.62, mesh: mesh(0, 0, 290), landmarks: landmarks(0, 0, 290) },
    ];
    const m = measure({ faces, image, crop: { width: 600, height: 800 } });
    expect(m.readings.faceCount).toBe(2);
    // Analysed at half the crop's size: readings come back in crop pixels.
    expect(m.face?.box.x).toBeCloseTo(200, 0);
    expect(m.readings.faceSide).toBeGreaterThan(250);
  });
});

describe('toFaceInputs', () => {
  it('keeps the detector score, mesh score and keypoints, with depth in image pixels', () => {
    // A 400 px wide image; the mesh model saw a face crop half its width (200 px) as 192 px,
    // so a depth of 48 model pixels (raw 48 / 192 = 0.25 of the crop) is 50 image pixels.
    const human: HumanFaceLike = {
      score: 0.8,
      boxScore: 0.93,
      faceScore: 0.99,
      mesh: [
        [100, 200, 48],
        [300, 50, -96],
      ],
      meshRaw: [
        [0.25, 0.4, 0.25],
        [0.75, 0.1, -0.5],
      ],
      boxRaw: [0.2, 0.1, 0.5, 0.6],
    };
    expect(toFaceInputs([human])).toEqual([
      {
        score: 0.93,
        meshScore: 0.99,
        mesh: [
          [100, 200, 50],
          [300, 50, -100],
        ],
      },
    ]);
  });

  it('leaves the mesh flat without the raw values to scale its depth by', () => {
    const human: HumanFaceLike = {
      score: 0.8,
      mesh: [
        [1, 2, 3],
        [4, 5, undefined],
      ],
    };
    expect(toFaceInputs([human])[0]?.mesh).toEqual([
      [1, 2],
      [4, 5],
    ]);
  });

  it('falls back to the overall score without a detector score', () => {
    expect(toFaceInputs([{ score: 0.7, mesh: [] }])[0]?.score).toBe(0.7);
  });
});
