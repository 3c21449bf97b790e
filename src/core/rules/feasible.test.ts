import { describe, expect, it } from 'vitest';
import { conflicts } from './feasible.ts';
import { RULES, type Bound, type RuleRow } from './table.ts';

/** The table with one row's bounds replaced. */
function withRow(id: string, limit: Bound, target: Bound, rows: readonly RuleRow[] = RULES): RuleRow[] {
  return rows.map((r) => (r.id === id ? { ...r, limit, target } : r));
}

describe('conflicts: rows that no face can meet all at once', () => {
  it('the table itself has none', () => {
    expect(conflicts(RULES)).toEqual([]);
  });

  it.each<[string, RuleRow[], [string, string]]>([
    [
      'a "too close" target as wide as the oval',
      withRow('faceWidthShare', { max: 0.65 }, { max: 0.6 }),
      ['faceWidthShare', 'ovalOverflow'],
    ],
    [
      'a "too close" limit that fails centring when centred',
      withRow('faceWidthShare', { max: 0.75 }, { max: 0.5 }),
      ['faceWidthShare', 'ovalOverflow'],
    ],
    [
      'a face side too big for the smallest crop',
      withRow('faceSide', { min: 300 }, { min: 340 }),
      ['faceSide', 'faceWidthShare'],
    ],
    [
      'eyes too far apart for the smallest crop',
      withRow('eyeDistance', { min: 150 }, { min: 160 }),
      ['eyeDistance', 'faceWidthShare'],
    ],
    ['a margin the oval cannot leave', withRow('margin', { min: 0.3 }, { min: 0.35 }), ['margin', 'faceWidthShare']],
    [
      'no light between too dark and too bright',
      withRow('darkness', { min: 130 }, { min: 150 }),
      ['darkness', 'brightness'],
    ],
  ])('%s', (_name, rows, pair) => {
    expect(conflicts(rows).map((c) => c.rows)).toContainEqual(pair);
  });
});
