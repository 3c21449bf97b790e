import { describe, expect, it } from 'vitest';
import { SCORE_LIMIT } from '../../core/api/contract.ts';
import { evaluate } from '../../core/rules/evaluate.ts';
import { RULES, type Readings, type RuleRow } from '../../core/rules/table.ts';
import { answerFor, probabilityOf, QUALITY_ASPECTS, qualityOf, rowScore, scoreOf } from './answer.ts';

function rule(id: string): RuleRow {
  const found = RULES.find((r) => r.id === id);
  if (!found) throw new Error(id);
  return found;
}

/** A bound of a row from the table, so the cases follow the calibrated numbers. */
function bound(id: string, which: 'limit' | 'target', side: 'min' | 'max'): number {
  const value = rule(id)[which][side];
  if (value === undefined) throw new Error(`${id} has no ${which}.${side}`);
  return value;
}

/** A face that meets every target comfortably, in crop pixels: the baseline the cases vary. */
function goodReadings(overrides: Partial<Readings> = {}): Readings {
  return {
    faceCount: 1,
    faceSide: 300,
    eyeDistance: 130,
    faceWidthShare: 0.37,
    margin: 1,
    ovalOverflow: -0.33,
    yaw: 2,
    pitch: 5,
    roll: 3,
    brightness: 150,
    clipped: 0,
    unevenness: 0.05,
    sharpness: 0.7,
    motion: null,
    eyeOpenness: 0.35,
    meshConfidence: 1,
    cropHeight: 1080,
    ...overrides,
  };
}

describe('rowScore: 0.5 at the limit, 0.9 at the target, from the rules table', () => {
  const rows = [...QUALITY_ASPECTS.sharpness, ...QUALITY_ASPECTS.exposure, ...QUALITY_ASPECTS.faceSize].map(rule);
  it.each(rows.map((r) => [r.id, r] as const))('%s', (_id, r) => {
    const limit = r.limit.min ?? r.limit.max;
    const target = r.target.min ?? r.target.max;
    if (limit === undefined || target === undefined) throw new Error('quality rows need a limit and a target');
    expect(rowScore(r, limit)).toBeCloseTo(0.5, 6);
    expect(rowScore(r, target)).toBeCloseTo(0.9, 6);
    // Monotonic: further inside the limit scores higher, outside lower.
    const inside = r.limit.min !== undefined ? target * 1.5 : target * 0.5;
    const outside = r.limit.min !== undefined ? limit * 0.8 : limit * 1.2;
    expect(rowScore(r, inside)).toBeGreaterThan(0.9);
    expect(rowScore(r, outside)).toBeLessThan(0.5);
  });

  it('an unreadable value is no evidence of a problem; zero sharpness is none at all', () => {
    expect(rowScore(rule('sharpness'), null)).toBe(1);
    expect(rowScore(rule('sharpness'), 0)).toBe(0);
    expect(rowScore(rule('clipped'), 0)).toBe(1);
  });
});

describe('qualityOf = sharpness × exposure × face size', () => {
  it.each([
    ['all comfortably inside', {}, (q: number) => q > 0.9],
    ['blurred past the limit', { sharpness: bound('sharpness', 'limit', 'min') * 0.6 }, (q: number) => q < 0.5],
    ['too dark', { brightness: bound('darkness', 'limit', 'min') * 0.7 }, (q: number) => q < 0.5],
    ['too bright', { brightness: bound('brightness', 'limit', 'max') * 1.1 }, (q: number) => q < 0.5],
    ['blown highlights', { clipped: bound('clipped', 'limit', 'max') * 1.5 }, (q: number) => q < 0.5],
    ['uneven light', { unevenness: bound('unevenness', 'limit', 'max') * 1.3 }, (q: number) => q < 0.5],
    [
      'face just at the size limit',
      { faceSide: bound('faceSide', 'limit', 'min'), eyeDistance: 200 },
      (q: number) => q <= 0.5 && q > 0.4,
    ],
  ] as const)('%s', (_name, overrides, check) => {
    const { quality } = qualityOf(goodReadings(overrides));
    expect(check(quality), `quality ${quality}`).toBe(true);
  });

  it('every aspect at its target gives 0.9³', () => {
    const parts = qualityOf(
      goodReadings({
        sharpness: bound('sharpness', 'target', 'min'),
        brightness: bound('darkness', 'target', 'min'),
        faceSide: bound('faceSide', 'target', 'min'),
        eyeDistance: bound('eyeDistance', 'target', 'min'),
      }),
    );
    expect(parts.quality).toBeCloseTo(0.9 ** 3, 2);
  });

  it('a sharper image scores higher, other things equal', () => {
    const soft = qualityOf(goodReadings({ sharpness: bound('sharpness', 'target', 'min') })).quality;
    const crisp = qualityOf(goodReadings({ sharpness: bound('sharpness', 'target', 'min') * 1.3 })).quality;
    expect(crisp).toBeGreaterThan(soft);
  });
});

describe('probability and score', () => {
  it.each([
    [1, 1, 1],
    [0.25, 1, 0.5],
    [0.81, 0.81, 0.81],
    [0, 0.9, 0],
    [1.2, -0.1, 0],
  ])('√(real %s × live %s) = %s', (real, live, p) => {
    expect(probabilityOf(real, live)).toBeCloseTo(p, 9);
  });

  it.each([
    [0.5, 0],
    [0.9999331, Math.log(0.9999331 / (1 - 0.9999331))],
    [1, SCORE_LIMIT],
    [0, -SCORE_LIMIT],
    [1 - 1e-12, SCORE_LIMIT],
    [1e-12, -SCORE_LIMIT],
  ])('score(%s) = logit, clamped to ±ln(1e7)', (p, score) => {
    expect(scoreOf(p)).toBeCloseTo(score, 6);
  });
});

describe('answerFor: face codes are errors, light and focus lower quality', () => {
  const scores = { real: 0.64, live: 1 };
  it.each([
    ['no face', { faceCount: 0, faceSide: null, eyeDistance: null }, 'FACE_NOT_FOUND'],
    ['two faces', { faceCount: 2 }, 'TOO_MANY_FACES'],
    ['small', { faceSide: 180, eyeDistance: 70 }, 'FACE_TOO_SMALL'],
    ['close', { faceWidthShare: 0.9 }, 'FACE_TOO_CLOSE'],
    ['cropped', { margin: -0.1 }, 'FACE_CROPPED'],
    ['off centre', { ovalOverflow: 0.3 }, 'FACE_CLOSE_TO_BORDER'],
    ['turned', { yaw: 35 }, 'FACE_ANGLE_TOO_LARGE'],
    ['tilted', { roll: 40 }, 'FACE_ANGLE_TOO_LARGE'],
    ['eyes closed', { eyeOpenness: 0.03 }, 'EYES_CLOSED'],
    ['occluded', { meshConfidence: 0.3 }, 'FACE_IS_OCCLUDED'],
    ['dark and turned: the face code wins', { brightness: 30, yaw: 35 }, 'FACE_ANGLE_TOO_LARGE'],
  ] as const)('%s → %s', (_name, overrides, code) => {
    const readings = goodReadings(overrides);
    expect(answerFor(evaluate(readings, { mode: 'limit' }), readings, scores)).toEqual({ kind: 'face', code });
  });

  it.each([
    ['dark', { brightness: 30 }],
    ['blurred', { sharpness: 0.05 }],
    ['uneven', { unevenness: 0.7 }],
  ] as const)('%s: success with quality under 0.5, not an error', (_name, overrides) => {
    const readings = goodReadings(overrides);
    const answer = answerFor(evaluate(readings, { mode: 'limit' }), readings, scores);
    expect(answer.kind).toBe('success');
    if (answer.kind === 'success') expect(answer.quality).toBeLessThan(0.5);
  });

  it('a low-resolution upload is judged, not refused', () => {
    const readings = goodReadings({ cropHeight: 480 });
    expect(answerFor(evaluate(readings, { mode: 'limit' }), readings, scores).kind).toBe('success');
  });

  it('a good face gets the three numbers, score = logit(probability)', () => {
    const readings = goodReadings();
    const answer = answerFor(evaluate(readings, { mode: 'limit' }), readings, scores);
    expect(answer).toEqual({
      kind: 'success',
      probability: 0.8,
      quality: qualityOf(readings).quality,
      score: expect.closeTo(Math.log(0.8 / 0.2), 9),
    });
  });

  it('a found face without the two model scores is an engine fault, not a made-up number', () => {
    const readings = goodReadings();
    expect(() => answerFor(evaluate(readings, { mode: 'limit' }), readings, {})).toThrow();
  });
});
