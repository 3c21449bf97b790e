import { describe, expect, it } from 'vitest';
import { outcomeOf, verdictFromFaceCode, verdictFromSuccess } from './verdict.ts';

describe('outcomeOf: the contract three-way reading at and around both 0.5 thresholds', () => {
  it.each([
    // probability, quality, outcome
    [0.9, 0.9, 'live'],
    [0.5000001, 0.5, 'live'],
    [0.5, 0.5, 'not_live'], // live only when probability > 0.5
    [0.4999999, 0.9, 'not_live'],
    [0.0, 0.5, 'not_live'],
    [0.9, 0.4999999, 'retake'], // quality < 0.5 asks for a retake, whatever the probability
    [0.1, 0.4999999, 'retake'],
    [1, 0, 'retake'],
    [0.9, Number.NaN, 'retake'],
  ] as const)('p=%s q=%s → %s', (probability, quality, outcome) => {
    expect(outcomeOf(probability, quality)).toBe(outcome);
  });
});

describe('verdicts', () => {
  it('keeps the service numbers untouched', () => {
    const v = verdictFromSuccess({
      status: 'success',
      messageCode: 'api.success',
      probability: 0.9999331,
      score: 9.612308,
      quality: 0.6691686,
    });
    expect(v).toEqual({ outcome: 'live', probability: 0.9999331, score: 9.612308, quality: 0.6691686 });
  });

  it('gives a low-quality retake its reason', () => {
    const v = verdictFromSuccess({
      status: 'success',
      messageCode: 'api.success',
      probability: 0.99,
      score: 4.6,
      quality: 0.2,
    });
    expect(v.outcome).toBe('retake');
    expect(v.reason).toBe('LOW_QUALITY');
  });

  it('turns a face code into a retake', () => {
    expect(verdictFromFaceCode('EYES_CLOSED')).toEqual({ outcome: 'retake', reason: 'EYES_CLOSED' });
  });
});
