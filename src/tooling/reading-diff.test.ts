import { describe, expect, it } from 'vitest';
import type { ReadingKey, Readings } from '../core/rules/table.ts';
import { compareReadings, readingTolerances } from './reading-diff.ts';

const BASE: Readings = {
  faceCount: 1,
  faceSide: 300,
  eyeDistance: 139,
  faceWidthShare: 0.37,
  margin: 0.85,
  ovalOverflow: 0.01,
  yaw: 1,
  pitch: 7,
  roll: 3,
  brightness: 167,
  clipped: 0,
  unevenness: 0.11,
  sharpness: 0.66,
  motion: null,
  eyeOpenness: 0.35,
  meshConfidence: 1,
  cropHeight: 1080,
};

describe('tolerances come from the rules table', () => {
  it.each<[ReadingKey, number]>([
    // a quarter of the narrowest target-to-limit gap of the rules reading it
    ['faceSide', 9], // 260 − 224
    ['eyeDistance', 2.5], // 90 − 80
    ['yaw', 1.25], // 20 − 15
    ['roll', 2.5], // 30 − 20
    ['brightness', 5], // 80 − 60 and 220 − 200
    ['clipped', 0.03], // 0.2 − 0.08
    ['sharpness', 0.0125], // 0.3 − 0.25
    ['eyeOpenness', 0.0075], // 0.15 − 0.12
    ['meshConfidence', 0.025], // 0.9 − 0.8
    ['faceCount', 0],
    ['cropHeight', 0],
  ])('%s ± %s', (reading, expected) => {
    expect(readingTolerances()[reading]).toBeCloseTo(expected, 9);
  });
});

describe('comparing two frames of readings', () => {
  it.each<[string, Partial<Readings>, ReadingKey[]]>([
    ['identical', {}, []],
    ['a small shift within every band', { faceSide: 305, yaw: 2, eyeOpenness: 0.355 }, []],
    ['a yaw shift past its band', { yaw: 2.5 }, ['yaw']],
    ['another face count', { faceCount: 2 }, ['faceCount']],
    ['a reading lost on one side', { roll: null }, ['roll']],
    ['eyes past their band and a darker face', { eyeOpenness: 0.34, brightness: 160 }, ['brightness', 'eyeOpenness']],
  ])('%s', (_name, patch, failing) => {
    const rows = compareReadings(BASE, { ...BASE, ...patch });
    expect(
      rows
        .filter((r) => !r.ok)
        .map((r) => r.reading)
        .sort(),
    ).toEqual([...failing].sort());
  });

  it('a reading missing on both sides matches', () => {
    expect(compareReadings(BASE, BASE).find((r) => r.reading === 'motion')).toMatchObject({ delta: null, ok: true });
  });
});
