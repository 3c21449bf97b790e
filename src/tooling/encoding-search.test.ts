import { describe, expect, it } from 'vitest';
import { candidates, greedySearch, mixedPlan } from './encoding-search.ts';
import { encodingOf, type EncodingPlan, type WeightSpec } from '../server/assets/weights.ts';

const specs: WeightSpec[] = [
  { name: 'bias', shape: [96], dtype: 'float32' },
  { name: 'shape', shape: [3], dtype: 'int32' },
  { name: 'head', shape: [1, 1, 96, 32], dtype: 'float32' },
  { name: 'first', shape: [5, 5, 3, 24], dtype: 'float32' },
  { name: 'body', shape: [1, 1, 96, 96], dtype: 'float32' },
  { name: 'twin', shape: [1, 1, 96, 32], dtype: 'float32' },
];

describe('candidates', () => {
  it('are the float tensors, largest first, equal sizes in manifest order', () => {
    expect(candidates(specs).map((c) => [c.name, c.values])).toEqual([
      ['body', 9216],
      ['head', 3072],
      ['twin', 3072],
      ['first', 1800],
      ['bias', 96],
    ]);
  });
});

describe('the greedy search', () => {
  const all = candidates(specs);
  /** A model that reads the same unless `harmed` goes uint8, or more than `most` tensors do together. */
  const model =
    (harmed: readonly string[], most = Infinity) =>
    async (plan: EncodingPlan) => {
      const coarse = all.filter((c) => encodingOf(plan, c.name) === 'uint8').map((c) => c.name);
      return { ok: !coarse.some((n) => harmed.includes(n)) && coarse.length <= most, detail: coarse };
    };

  it.each<[string, readonly string[], number, string[]]>([
    // name, tensors that harm alone, how many may go together, the tensors left float16
    ['nothing harms: all uint8', [], Infinity, []],
    ['the harmful ones stay', ['head', 'bias'], Infinity, ['head', 'bias']],
    ['together they harm: the largest go first', [], 2, ['twin', 'first', 'bias']],
    ['both limits', ['body'], 2, ['body', 'first', 'bias']],
  ])('%s', async (_name, harmed, most, fine) => {
    const steps: string[] = [];
    const result = await greedySearch(all, 'uint8', 'float16', model(harmed, most), (s) =>
      steps.push(s.candidate.name),
    );
    expect(result.fineNames).toEqual(fine);
    expect(result.coarseNames).toEqual(all.map((c) => c.name).filter((n) => !fine.includes(n)));
    expect(steps).toEqual(all.map((c) => c.name));
    // The plan is the one the last accepted step checked: coarse everywhere except the fine ones.
    for (const c of all) expect(encodingOf(result.plan, c.name)).toBe(fine.includes(c.name) ? 'float16' : 'uint8');
    expect(result.steps.filter((s) => s.accepted).map((s) => s.candidate.name)).toEqual(
      all.map((c) => c.name).filter((n) => !fine.includes(n)),
    );
  });

  it('writes a plan as the exceptions to the coarse encoding', () => {
    expect(mixedPlan(all, new Set(['body', 'head']), 'uint8', 'float16')).toEqual({
      default: 'uint8',
      tensors: { twin: 'float16', first: 'float16', bias: 'float16' },
    });
  });
});
