import { describe, expect, it } from 'vitest';
import type { Readings } from '../rules/table.ts';
import { DETECTOR_ONLY_READINGS } from '../rules/testing/readings.ts';
import { detectorFails, meshSkip } from './mesh-skip.ts';

const PLACED: Readings = DETECTOR_ONLY_READINGS;

describe('a detector-only frame that already fails', () => {
  it.each<[string, Partial<Readings>, boolean]>([
    ['no face', { faceCount: 0, faceSide: null, eyeDistance: null }, true],
    ['two faces', { faceCount: 2 }, true],
    ['too small', { faceSide: 150, eyeDistance: 70 }, true],
    ['off centre past the limit', { ovalOverflow: 0.3 }, true],
    ['off centre, but within the limit (guidance may still hold it)', { ovalOverflow: 0.1 }, false],
    ['placed, the mesh rows pending', {}, false],
    ['placed, a low-resolution camera (never blocks)', { cropHeight: 480 }, false],
    ['placed, in the dark: a mesh rule, so the mesh keeps running', { brightness: 30, yaw: 2 }, false],
  ])('%s → %s', (_name, patch, fails) => {
    expect(detectorFails({ ...PLACED, ...patch })).toBe(fails);
  });
});

describe('when the mesh runs', () => {
  it.each<[string, boolean, Array<Partial<Readings>>, boolean[]]>([
    // name, caller reads pending rows, frames' readings in order, mesh run on each
    ['the caller does not read pending rows: always', false, [{ faceCount: 0 }, { faceCount: 0 }, {}], [true, true, true]],
    ['failing frames: every other one', true, [{ faceCount: 2 }, { faceCount: 2 }, { faceCount: 2 }, { faceCount: 2 }], [true, false, true, false]],
    ['a placed face: every frame', true, [{}, {}, {}], [true, true, true]],
    ['the face drifts out and back', true, [{}, { ovalOverflow: 0.3 }, { ovalOverflow: 0.3 }, {}, {}], [true, true, false, true, true]],
    ['a dark room with the face placed: every frame', true, [{ brightness: 30 }, { brightness: 30 }], [true, true]],
  ])('%s', (_name, optional, frames, expected) => {
    const skip = meshSkip();
    const ran = frames.map((patch) => {
      const needed = skip.needed(optional);
      skip.record({ ...PLACED, ...patch }, needed);
      return needed;
    });
    expect(ran).toEqual(expected);
  });
});
