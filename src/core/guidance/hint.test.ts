import { describe, expect, it } from 'vitest';
import { HINT_TIMING, INITIAL_HINT, nextHint, wantedHint, type HintState } from './hint.ts';
import { evaluate } from '../rules/evaluate.ts';
import { COMPLIANT_READINGS } from '../rules/testing/readings.ts';
import type { Hint } from './types.ts';

const SMALL: Hint = { code: 'FACE_TOO_SMALL', row: 'faceSide' };
const DARK: Hint = { code: 'TOO_DARK', row: 'darkness' };

/** Feeds (time, wanted) pairs and returns what is shown after each. */
function run(steps: Array<[number, Hint | null]>): Array<string | null> {
  let state: HintState = INITIAL_HINT;
  return steps.map(([at, wanted]) => {
    state = nextHint(state, wanted, at);
    return state.shown?.code ?? null;
  });
}

describe('hint selection with hysteresis', () => {
  it('shows the first hint at once', () => {
    expect(run([[0, SMALL]])).toEqual(['FACE_TOO_SMALL']);
  });

  it.each<[string, Array<[number, Hint | null]>, Array<string | null>]>([
    [
      'a one-frame blip is ignored',
      [
        [0, SMALL],
        [700, DARK],
        [760, SMALL],
        [820, SMALL],
      ],
      ['FACE_TOO_SMALL', 'FACE_TOO_SMALL', 'FACE_TOO_SMALL', 'FACE_TOO_SMALL'],
    ],
    [
      'a lasting change switches after switchAfterMs',
      [
        [0, SMALL],
        [700, DARK],
        [800, DARK],
        [960, DARK],
      ],
      ['FACE_TOO_SMALL', 'FACE_TOO_SMALL', 'FACE_TOO_SMALL', 'TOO_DARK'],
    ],
    [
      'a new hint waits until the old one was readable',
      [
        [0, SMALL],
        [50, DARK],
        [400, DARK],
        [610, DARK],
      ],
      ['FACE_TOO_SMALL', 'FACE_TOO_SMALL', 'FACE_TOO_SMALL', 'TOO_DARK'],
    ],
    [
      '"all good" is damped the same way',
      [
        [0, SMALL],
        [700, null],
        [800, null],
        [1000, null],
      ],
      ['FACE_TOO_SMALL', 'FACE_TOO_SMALL', 'FACE_TOO_SMALL', null],
    ],
    [
      'alternating hints never flicker',
      [
        [0, SMALL],
        [700, DARK],
        [800, SMALL],
        [900, DARK],
        [1000, SMALL],
      ],
      ['FACE_TOO_SMALL', 'FACE_TOO_SMALL', 'FACE_TOO_SMALL', 'FACE_TOO_SMALL', 'FACE_TOO_SMALL'],
    ],
  ])('%s', (_name, steps, shown) => {
    expect(run(steps)).toEqual(shown);
  });

  it('uses the documented timing', () => {
    expect(HINT_TIMING.switchAfterMs).toBeLessThan(HINT_TIMING.minShowMs);
  });
});

describe('wantedHint', () => {
  const base = COMPLIANT_READINGS;
  it.each<[string, Partial<typeof base>, Hint | null]>([
    ['roll says which row', { roll: 40 }, { code: 'FACE_ANGLE_TOO_LARGE', row: 'roll' }],
    ['yaw says which row', { yaw: 30 }, { code: 'FACE_ANGLE_TOO_LARGE', row: 'yaw' }],
    ['eyes too close in pixels', { eyeDistance: 60 }, { code: 'FACE_TOO_SMALL', row: 'eyeDistance' }],
    ['low resolution is no hint', { cropHeight: 480 }, null],
    [
      'turned past the limit: facing the camera comes before size',
      { yaw: 30, faceSide: 200 },
      { code: 'FACE_ANGLE_TOO_LARGE', row: 'yaw' },
    ],
    [
      'nodded past the limit: and before place',
      { pitch: 30, ovalOverflow: 0.4 },
      { code: 'FACE_ANGLE_TOO_LARGE', row: 'pitch' },
    ],
    [
      'turned only past the target: size first, as usual',
      { yaw: 18, faceSide: 200 },
      { code: 'FACE_TOO_SMALL', row: 'faceSide' },
    ],
    [
      'no face, however turned: the face first',
      { faceCount: 0, yaw: 40 },
      { code: 'FACE_NOT_FOUND', row: 'faceFound' },
    ],
    ['compliant', {}, null],
  ])('%s', (_name, patch, hint) => {
    expect(wantedHint(evaluate({ ...base, ...patch }, { mode: 'limit' }))).toEqual(hint);
  });
});

describe('hints that say which way to move', () => {
  const base = { ...COMPLIANT_READINGS, ovalOverflow: 0.4 };
  const p = { x: 0, y: 0 };
  const face = {
    box: { x: 0, y: 0, width: 1, height: 1 },
    centre: p,
    leftEye: p,
    rightEye: p,
    outline: [],
    offset: { x: -150, y: 0 },
    pose: { yaw: 0, pitch: 0, roll: 0 },
  };
  const crop = { width: 810, height: 1080 };

  it('an off-centre face is told which way, from the measured offset', () => {
    expect(wantedHint(evaluate(base, { mode: 'limit' }), face, crop)).toEqual({
      code: 'FACE_CLOSE_TO_BORDER',
      row: 'ovalOverflow',
      move: 'move-left',
    });
  });

  it('a new direction is a new hint, damped like any other', () => {
    const left: Hint = { code: 'FACE_CLOSE_TO_BORDER', row: 'ovalOverflow', move: 'move-left' };
    const right: Hint = { ...left, move: 'move-right' };
    let state = nextHint(INITIAL_HINT, left, 0);
    state = nextHint(state, right, 700);
    expect(state.shown?.move).toBe('move-left');
    state = nextHint(state, right, 1000);
    expect(state.shown?.move).toBe('move-right');
  });
});
