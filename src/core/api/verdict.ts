import { PROBABILITY_THRESHOLD, QUALITY_THRESHOLD, type FaceCode, type OkayLiveSuccess } from './contract.ts';

export type Outcome = 'live' | 'not_live' | 'retake';

/**
 * What the host acts on. `probability`, `quality` and `score` are the service's own
 * numbers, passed through untouched; `outcome` is the contract's three-way reading.
 */
export interface Verdict {
  outcome: Outcome;
  /** Why a retake is needed: a face code from the service, or LOW_QUALITY. */
  reason?: FaceCode | 'LOW_QUALITY';
  probability?: number;
  quality?: number;
  score?: number;
}

/**
 * The contract's reading: quality gates first (a blurred live face must be retaken,
 * not called a spoof), then probability decides live vs not live.
 */
export function outcomeOf(probability: number, quality: number): Outcome {
  if (!(quality >= QUALITY_THRESHOLD)) return 'retake';
  return probability > PROBABILITY_THRESHOLD ? 'live' : 'not_live';
}

export function verdictFromSuccess(body: OkayLiveSuccess): Verdict {
  const outcome = outcomeOf(body.probability, body.quality);
  const verdict: Verdict = {
    outcome,
    probability: body.probability,
    quality: body.quality,
    score: body.score,
  };
  if (outcome === 'retake') verdict.reason = 'LOW_QUALITY';
  return verdict;
}

/**
 * A verdict-only answer: the backend applied the thresholds and kept the figures for its own
 * record, so the browser holds no gauge an attacker could tune a spoof against.
 */
export function verdictFromOutcome(outcome: Outcome): Verdict {
  return outcome === 'retake' ? { outcome, reason: 'LOW_QUALITY' } : { outcome };
}

export function verdictFromFaceCode(code: FaceCode): Verdict {
  return { outcome: 'retake', reason: code };
}
