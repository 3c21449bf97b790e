import { describe, expect, it } from 'vitest';
import { portraitCrop } from './crop.ts';

describe('portraitCrop', () => {
  it.each([
    // frame, expected crop
    [1920, 1080, { sx: 555, sy: 0, sw: 810, sh: 1080, width: 810, height: 1080 }],
    [1280, 720, { sx: 370, sy: 0, sw: 540, sh: 720, width: 540, height: 720 }],
    [640, 480, { sx: 140, sy: 0, sw: 360, sh: 480, width: 360, height: 480 }],
    // A phone's portrait 1080x1920: full width, centred vertically, scaled to 1280 tall.
    [1080, 1920, { sx: 0, sy: 240, sw: 1080, sh: 1440, width: 960, height: 1280 }],
    [3840, 2160, { sx: 1110, sy: 0, sw: 1620, sh: 2160, width: 960, height: 1280 }],
  ] as const)('%sx%s', (w, h, expected) => {
    expect(portraitCrop(w, h)).toEqual(expected);
  });

  it('is always 3:4 portrait', () => {
    for (const [w, h] of [
      [1920, 1080],
      [1366, 768],
      [720, 1280],
      [1000, 1000],
    ] as const) {
      const c = portraitCrop(w, h);
      expect(Math.abs(c.width / c.height - 0.75)).toBeLessThan(0.01);
      expect(c.sx + c.sw).toBeLessThanOrEqual(w);
      expect(c.sy + c.sh).toBeLessThanOrEqual(h);
    }
  });
});
