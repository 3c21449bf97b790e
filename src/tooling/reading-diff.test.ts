import { describe, expect, it } from 'vitest';
import type { ReadingKey, Readings } from '../core/rules/table.ts';
import { compareReadings, judgeFrame, readingTolerances, type JudgeOptions } from './reading-diff.ts';

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

describe('judging a frame read with re-encoded weights', () => {
  const NO_FACE: Partial<Readings> = Object.fromEntries(
    Object.keys(BASE).map((k) => [k, k === 'cropHeight' ? 1080 : null]),
  );
  it.each<[string, Partial<Readings>, number[], JudgeOptions, string[]]>([
    // name, candidate's readings (over BASE, read with score 0.87), its scores, options, what fails
    ['the same', {}, [0.87], {}, []],
    ['a score down by the margin', {}, [0.82], {}, []],
    ['a score down by more', {}, [0.81], {}, ['score']],
    ['a turn past the target: reading, hint and verdict', { yaw: 16 }, [0.87], {}, ['yaw', 'hint', 'guide']],
    ['the same turn where only the face found is judged', { yaw: 16 }, [0.87], { readings: false }, ['guide']],
    ['and where the verdict is not judged either', { yaw: 16 }, [0.87], { readings: false, verdict: false }, []],
    ['the face lost', { ...NO_FACE, faceCount: 0 }, [], { readings: false, verdict: false }, ['faceCount', 'score']],
  ])('%s', (_name, patch, scores, options, failing) => {
    const verdict = judgeFrame(
      { scores: [0.87], readings: BASE },
      { scores, readings: { ...BASE, ...patch } },
      options,
    );
    expect(verdict.failures.map((f) => f.split(' ')[0])).toEqual(failing);
  });

  it('reports the largest move as a share of its tolerance, and the score drop', () => {
    const verdict = judgeFrame(
      { scores: [0.87, 0.7], readings: BASE },
      { scores: [0.69, 0.86], readings: { ...BASE, yaw: 1.5 } },
    );
    expect(verdict.worstShare).toBeCloseTo(0.4, 9); // 0.5 of yaw's 1.25
    expect(verdict.scoreDrop).toBeCloseTo(0.01, 9); // the faces matched best first
  });
});
