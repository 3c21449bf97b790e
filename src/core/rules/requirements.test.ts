import { describe, expect, it } from 'vitest';
import { ADJUSTABLE, DEFAULT_REQUIREMENTS, resolveRequirements, type RequirementProblem } from './requirements.ts';
import { RULES, type Bound } from './table.ts';

function rowsOf(input: unknown): Map<string, { limit: Bound; target: Bound }> {
  const result = resolveRequirements(input);
  if (!result.ok) throw new Error(result.problem.detail);
  return new Map(result.requirements.rows.map((r) => [r.id, { limit: r.limit, target: r.target }]));
}

function problemOf(input: unknown): RequirementProblem {
  const result = resolveRequirements(input);
  if (result.ok) throw new Error('accepted');
  return result.problem;
}

describe('requirement overrides: applied within the ranges the rules allow', () => {
  it('no overrides: the table itself and a 500 ms stable window', () => {
    expect(resolveRequirements(undefined)).toEqual({ ok: true, requirements: DEFAULT_REQUIREMENTS });
    expect(resolveRequirements({})).toEqual({ ok: true, requirements: { rows: RULES, stableWindowMs: 500 } });
  });

  it.each([
    // row, override, limit, target
    ['yaw', { limit: 15, target: 10 }, { max: 15 }, { max: 10 }],
    // Only the limit: the default target still lies inside it.
    ['yaw', { limit: 18 }, { max: 18 }, { max: 15 }],
    // Only the limit, tighter than the default target: the default gap (5°) is kept.
    ['yaw', { limit: 12 }, { max: 12 }, { max: 7 }],
    // ... but never beyond the row's range.
    ['yaw', { limit: 7 }, { max: 7 }, { max: 5 }],
    // Only the target, looser than the default limit: the limit follows with the gap, within range.
    ['darkness', { target: 50 }, { min: 40 }, { min: 50 }],
    ['faceSide', { limit: 280 }, { min: 280 }, { min: 316 }],
    ['faceSide', { target: 240 }, { min: 224 }, { min: 240 }],
    ['pitch', { target: 25 }, { max: 25 }, { max: 25 }],
    ['sharpness', { limit: 0.4, target: 0.5 }, { min: 0.4 }, { min: 0.5 }],
  ])('%s %j → limit %j, target %j', (id, override, limit, target) => {
    expect(rowsOf({ [id]: override }).get(id)).toEqual({ limit, target });
  });

  it('other rows keep the table as it is', () => {
    const rows = rowsOf({ yaw: { limit: 15 } });
    for (const row of RULES)
      if (row.id !== 'yaw') expect(rows.get(row.id), row.id).toEqual({ limit: row.limit, target: row.target });
  });

  it('the stable window takes any length in its range', () => {
    const result = resolveRequirements({ stableWindowMs: 1200 });
    expect(result.ok && result.requirements.stableWindowMs).toBe(1200);
  });

  it("every row's limit can go to either end of its range on its own", () => {
    for (const [id, range] of Object.entries(ADJUSTABLE)) {
      for (const value of [range.min, range.max])
        expect(resolveRequirements({ [id]: { limit: value } }).ok, `${id} ${value}`).toBe(true);
    }
  });
});

describe('requirement overrides: refused with the row and the bound', () => {
  it.each<[string, unknown, Partial<RequirementProblem>]>([
    [
      'yaw loosened past the service',
      { yaw: { limit: 25 } },
      { row: 'yaw', side: 'limit', value: 25, bound: { min: 5, max: 20 } },
    ],
    [
      'face size under the service',
      { faceSide: { target: 200 } },
      { row: 'faceSide', side: 'target', value: 200, bound: { min: 224, max: 320 } },
    ],
    [
      'a target looser than its limit',
      { yaw: { limit: 10, target: 15 } },
      { row: 'yaw', side: 'target', value: 15, bound: { min: 5, max: 10 } },
    ],
    [
      'a target looser than its limit (a minimum)',
      { faceSide: { limit: 300, target: 260 } },
      { row: 'faceSide', side: 'target', bound: { min: 300, max: 320 } },
    ],
    ['a row that cannot be changed', { cropHeight: { limit: 600 } }, { row: 'cropHeight' }],
    ['a row that does not exist', { chin: { limit: 3 } }, { row: 'chin' }],
    ['a side that does not exist', { yaw: { max: 10 } }, { row: 'yaw' }],
    ['a number as text', { yaw: { limit: '15' } }, { row: 'yaw', side: 'limit', value: '15' }],
    ['not a number at all', { yaw: { limit: Number.NaN } }, { row: 'yaw', side: 'limit' }],
    ['a row given as a number', { yaw: 15 }, { row: 'yaw', value: 15 }],
    [
      'a stable window too short',
      { stableWindowMs: 100 },
      { row: 'stableWindowMs', value: 100, bound: { min: 300, max: 3000 } },
    ],
    ['an array', [1, 2], { row: '' }],
    ['text that is not JSON', 'yaw=15', { row: '' }],
    ['JSON text of a string, not of an object', '"{\\"yaw\\":{\\"limit\\":15}}"', { row: '' }],
    ['JSON text whose numbers are out of range', '{"yaw":{"limit":25}}', { row: 'yaw', side: 'limit', value: 25 }],
  ])('%s', (_name, input, expected) => {
    const problem = problemOf(input);
    expect(problem).toMatchObject(expected);
    expect(problem.detail.length).toBeGreaterThan(10);
  });

  it('JSON text of the overrides reads as the overrides', () => {
    expect(resolveRequirements('{"yaw":{"limit":15},"stableWindowMs":800}')).toEqual(
      resolveRequirements({ yaw: { limit: 15 }, stableWindowMs: 800 }),
    );
  });

  it('rows that cannot all be met are refused, naming both', () => {
    // Big faces with a narrow "too close" limit: no face passes both in the smallest crop.
    const problem = problemOf({ faceSide: { limit: 310, target: 320 }, faceWidthShare: { limit: 0.55, target: 0.5 } });
    expect(problem.row).toBe('faceSide');
    expect(problem.detail).toContain('faceWidthShare');
    // Light: "too dark" and "too bright" squeezed together.
    expect(problemOf({ darkness: { target: 120 }, brightness: { target: 170 } }).detail).toContain('brightness');
  });
});
