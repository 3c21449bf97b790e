import { describe, expect, it } from 'vitest';
import { browserAnswer, outcomeOfAnswer, type ContractAnswer } from './answer-mode.ts';

const success = (probability: number, quality: number): ContractAnswer => ({
  status: 'success',
  messageCode: 'api.success',
  probability,
  quality,
  score: Math.log(probability / (1 - probability)),
});

describe('verdict-only: the outcome by the contract thresholds, never the figures', () => {
  it.each([
    ['live', success(0.9, 0.8), 'live'],
    ['probability just over 0.5', success(0.5001, 0.5), 'live'],
    ['probability exactly 0.5 is not live', success(0.5, 0.9), 'not_live'],
    ['spoof', success(0.1, 0.9), 'not_live'],
    ['quality under 0.5 is a retake, whatever the probability', success(0.99, 0.49), 'retake'],
    ['quality exactly 0.5 is judged', success(0.2, 0.5), 'not_live'],
  ] as const)('%s', (_name, answer, outcome) => {
    expect(outcomeOfAnswer(answer)).toBe(outcome);
    expect(browserAnswer('verdict-only', answer)).toEqual({ status: 'success', messageCode: 'api.success', outcome });
    expect(JSON.stringify(browserAnswer('verdict-only', answer))).not.toMatch(/probability|quality|score/);
  });

  it.each([
    ['a face code', { status: 'error', messageCode: null, message: 'EYES_CLOSED' }],
    ['a general error', { status: 'error', messageCode: null, message: 'MAX_API_CALL_EXCEEDED' }],
    ['the vendor 500 shape', { status: 'Internal Server Error' }],
  ])('%s passes unchanged', (_name, answer) => {
    expect(browserAnswer('verdict-only', answer)).toEqual(answer);
    expect(outcomeOfAnswer(answer)).toBeNull();
  });

  it('a success without figures cannot be read: null, for the caller to answer 502', () => {
    expect(browserAnswer('verdict-only', { status: 'success', messageCode: 'api.success' })).toBeNull();
  });

  it('full mode passes every answer as it is', () => {
    const answer = success(0.9, 0.8);
    expect(browserAnswer('full', answer)).toEqual(answer);
  });
});
