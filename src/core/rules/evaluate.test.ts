import { describe, expect, it } from 'vitest';
import { evaluate, passingRowIds, primaryFailure } from './evaluate.ts';
import { RULES, type ReadingKey, type Readings, type RuleRow } from './table.ts';
import { COMPLIANT_READINGS } from './testing/readings.ts';

const GOOD: Readings = COMPLIANT_READINGS;

const STEP = (row: RuleRow): number =>
  row.unit === 'count' ? 1 : row.unit === 'px' || row.unit === 'deg' || row.unit === 'luma' ? 1 : 0.005;

/** For each bound side of each row: a value just inside and just outside. */
function cases(bound: 'limit' | 'target') {
  // Server-only rows have no guide-mode behaviour to check (see below).
  return RULES.filter((row) => bound === 'limit' || row.guidance !== false).flatMap((row) => {
    const b = row[bound];
    const out: Array<[string, RuleRow, number, number]> = [];
    if (b.min !== undefined) out.push([`${row.id} min ${b.min}`, row, b.min, b.min - STEP(row)]);
    if (b.max !== undefined) out.push([`${row.id} max ${b.max}`, row, b.max, b.max + STEP(row)]);
    return out;
  });
}

describe('every rule at its limit', () => {
  it.each(cases('limit'))('%s', (_name, row, inside, outside) => {
    const pass = evaluate({ ...GOOD, [row.reading]: inside }, { mode: 'limit' });
    expect(pass.rows.find((r) => r.row.id === row.id)?.pass).toBe(true);
    const fail = evaluate({ ...GOOD, [row.reading]: outside }, { mode: 'limit' });
    expect(fail.rows.find((r) => r.row.id === row.id)?.pass).toBe(false);
    expect(fail.failures).toContain(row.code);
    expect(fail.compliant).toBe(row.code === 'LOW_RESOLUTION');
  });
});

describe('every rule in guide mode (Schmitt trigger)', () => {
  it.each(cases('target'))('%s', (_name, row, atTarget) => {
    // Between target and limit: fails until the row has passed once, then holds.
    const between =
      row.target.min !== undefined
        ? ((row.limit.min ?? atTarget) + atTarget) / 2
        : ((row.limit.max ?? atTarget) + atTarget) / 2;
    if (between === atTarget) return; // limit = target (face counting): nothing in between
    const readings = { ...GOOD, [row.reading]: between };
    const fresh = evaluate(readings, { mode: 'guide' });
    expect(fresh.rows.find((r) => r.row.id === row.id)?.pass).toBe(false);
    const held = evaluate(readings, { mode: 'guide', previouslyPassing: new Set([row.id]) });
    expect(held.rows.find((r) => r.row.id === row.id)?.pass).toBe(true);
    expect(
      evaluate({ ...GOOD, [row.reading]: atTarget }, { mode: 'guide' }).rows.find((r) => r.row.id === row.id)?.pass,
    ).toBe(true);
  });

  it.each(RULES.filter((row) => row.guidance === false).map((row) => [row.id, row] as const))(
    'server-only row %s: never fails while guiding, still fails at its limit',
    (_id, row) => {
      const far = row.limit.min !== undefined ? row.limit.min - 1 : (row.limit.max ?? 0) + 1;
      const readings = { ...GOOD, [row.reading]: far };
      const guided = evaluate(readings, { mode: 'guide' });
      expect(guided.rows.find((r) => r.row.id === row.id)).toMatchObject({ pass: true, value: far });
      expect(guided.failures).not.toContain(row.code);
      expect(guided.compliant).toBe(true);
      expect(evaluate(readings, { mode: 'limit' }).failures).toContain(row.code);
    },
  );

  it('a compliant frame passes every row and feeds every row forward', () => {
    const e = evaluate(GOOD, { mode: 'guide' });
    expect(e.compliant).toBe(true);
    expect(e.failures).toEqual([]);
    expect(passingRowIds(e).size).toBe(RULES.length);
  });
});

describe('one hint, by priority', () => {
  it.each<[string, Partial<Readings>, string | null]>([
    ['no face', { faceCount: 0, faceSide: null, eyeDistance: null }, 'FACE_NOT_FOUND'],
    ['two faces, both small', { faceCount: 2, faceSide: 150 }, 'TOO_MANY_FACES'],
    ['small and off-centre', { faceSide: 150, ovalOverflow: 0.3 }, 'FACE_TOO_SMALL'],
    ['eyes too close in pixels alone', { eyeDistance: 70 }, 'FACE_TOO_SMALL'],
    ['too close and cropped', { faceWidthShare: 0.85, margin: -0.1 }, 'FACE_TOO_CLOSE'],
    ['cropped and off-centre', { margin: -0.05, ovalOverflow: 0.3 }, 'FACE_CROPPED'],
    ['off-centre and turned', { ovalOverflow: 0.3, yaw: 30 }, 'FACE_CLOSE_TO_BORDER'],
    ['turned and dark', { yaw: 30, brightness: 40 }, 'FACE_ANGLE_TOO_LARGE'],
    ['tilted', { roll: 40 }, 'FACE_ANGLE_TOO_LARGE'],
    ['dark and blurred', { brightness: 40, sharpness: 0.1 }, 'TOO_DARK'],
    ['blown out', { clipped: 0.4 }, 'TOO_BRIGHT'],
    ['side light', { unevenness: 0.6 }, 'UNEVEN_LIGHT'],
    ['moving', { motion: 0.2 }, 'BLURRY'],
    ['eyes closed and covered', { eyeOpenness: 0.05, meshConfidence: 0.6 }, 'EYES_CLOSED'],
    ['covered', { meshConfidence: 0.6 }, 'FACE_IS_OCCLUDED'],
    ['low resolution never blocks', { cropHeight: 480 }, null],
  ])('%s → %s', (_name, patch, expected) => {
    const e = evaluate({ ...GOOD, ...patch }, { mode: 'limit' });
    expect(primaryFailure(e)).toBe(expected);
  });

  it('skips what cannot be read without a face, but still reports the crop height', () => {
    const e = evaluate({ ...GOOD, faceCount: 0, cropHeight: 480 }, { mode: 'limit' });
    expect(e.failures).toEqual(['FACE_NOT_FOUND', 'LOW_RESOLUTION']);
  });
});

describe('pending readings (the face mesh is still loading)', () => {
  const MESH: ReadingKey[] = ['yaw', 'pitch', 'roll', 'eyeOpenness', 'meshConfidence'];
  const withoutMesh = { ...GOOD, yaw: null, pitch: null, roll: null, eyeOpenness: null, meshConfidence: null };

  it.each<[string, Partial<Readings>, ReadingKey[], string | null]>([
    // name, readings patch, pending, hint (guide mode)
    ['a well-placed face: no hint, and not compliant', {}, MESH, null],
    ['too far away: the detector alone says so', { faceSide: 150, eyeDistance: 70 }, MESH, 'FACE_TOO_SMALL'],
    ['off centre', { ovalOverflow: 0.3 }, MESH, 'FACE_CLOSE_TO_BORDER'],
    ['no face', { faceCount: 0, faceSide: null, eyeDistance: null }, MESH, 'FACE_NOT_FOUND'],
    ['two faces', { faceCount: 2 }, MESH, 'TOO_MANY_FACES'],
    ['a failing reading that is pending gives no hint', { yaw: 40 }, ['yaw'], null],
  ])('%s', (_name, patch, pending, hint) => {
    const readings = { ...withoutMesh, ...patch };
    const e = evaluate(readings, { mode: 'guide', pending });
    expect(primaryFailure(e)).toBe(hint);
    expect(e.compliant).toBe(false);
    // Server-only rows pass while guiding, and with no face there is nothing to wait for.
    const rows = e.rows.filter((r) => pending.includes(r.row.reading) && r.row.guidance !== false);
    expect(rows.length).toBeGreaterThan(0);
    if (readings.faceCount === 0) expect(rows.every((r) => !r.pending)).toBe(true);
    else expect(rows.every((r) => r.pending && !r.pass && r.value === null)).toBe(true);
    expect(e.failures.some((code) => rows.some((r) => r.row.code === code))).toBe(false);
  });

  it('a pending row never feeds the Schmitt trigger, even if it passed before', () => {
    const before = passingRowIds(evaluate(GOOD, { mode: 'guide' }));
    const e = evaluate(GOOD, { mode: 'guide', previouslyPassing: before, pending: ['yaw'] });
    expect(passingRowIds(e).has('yaw')).toBe(false);
    expect(e.pending).toEqual(['yaw']);
  });

  it('nothing pending: the same evaluation as before', () => {
    for (const mode of ['limit', 'guide'] as const) {
      const e = evaluate(GOOD, { mode, pending: [] });
      expect(e).toEqual(evaluate(GOOD, { mode }));
      expect(e.compliant).toBe(true);
      expect(e.pending).toEqual([]);
    }
  });

  it('only a non-blocking row pending: still compliant', () => {
    expect(evaluate(GOOD, { mode: 'limit', pending: ['cropHeight'] }).compliant).toBe(true);
  });
});
