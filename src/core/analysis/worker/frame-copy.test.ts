import { describe, expect, it } from 'vitest';
import { copiedRightHalf, copyable, evenRect, probeReadBack } from './frame-copy.ts';
import type { FrameSource } from '../protocol.ts';

const full = { x: 0, y: 0, width: 1920, height: 1080 };

describe('evenRect: the crop on even pixels, inside the visible picture', () => {
  it.each([
    {
      name: '1080p portrait crop (odd left edge)',
      region: { sx: 555, sy: 0, sw: 810, sh: 1080 },
      visible: full,
      want: { x: 554, y: 0, width: 810, height: 1080 },
    },
    {
      name: 'odd size',
      region: { sx: 10, sy: 11, sw: 301, sh: 401 },
      visible: full,
      want: { x: 10, y: 10, width: 300, height: 400 },
    },
    {
      name: 'a visible rect offset in the coded frame',
      region: { sx: 100, sy: 0, sw: 400, sh: 720 },
      visible: { x: 8, y: 4, width: 1280, height: 720 },
      want: { x: 108, y: 4, width: 400, height: 720 },
    },
    {
      name: 'clamped at the right edge',
      region: { sx: 1800, sy: 0, sw: 300, sh: 100 },
      visible: full,
      want: { x: 1800, y: 0, width: 120, height: 100 },
    },
    {
      name: 'negative origin clamped',
      region: { sx: -5, sy: -3, sw: 20, sh: 20 },
      visible: full,
      want: { x: 0, y: 0, width: 20, height: 20 },
    },
  ])('$name', ({ region, visible, want }) => {
    const got = evenRect(region, visible);
    expect(got).toEqual(want);
    for (const v of Object.values(got)) expect(v % 2).toBe(0);
  });
});

describe('copiedRightHalf: the self-test reads the light half, converted', () => {
  it.each([
    { name: 'light grey pixels', rgba: [237, 237, 237, 255, 236, 236, 236, 255], ok: true },
    { name: 'the dark half (rectangle ignored)', rgba: [237, 237, 237, 255, 28, 28, 28, 255], ok: false },
    { name: 'luma copied into red only (no conversion)', rgba: [220, 0, 0, 255], ok: false },
    { name: 'nothing copied', rgba: [], ok: false },
  ])('$name → $ok', ({ rgba, ok }) => {
    expect(copiedRightHalf(rgba)).toBe(ok);
  });
});

describe('copyable: only frames shown as coded', () => {
  const frame = (over: Record<string, unknown>) =>
    ({
      codedWidth: 1920,
      displayWidth: 1920,
      displayHeight: 1080,
      visibleRect: { x: 0, y: 0, width: 1920, height: 1080 },
      copyTo: () => undefined,
      ...over,
    }) as unknown as FrameSource;
  it.each([
    { name: 'a camera frame', over: {}, ok: true },
    { name: 'rotated', over: { rotation: 90 }, ok: false },
    { name: 'mirrored', over: { flip: true }, ok: false },
    { name: 'scaled for display', over: { displayWidth: 1280 }, ok: false },
    { name: 'no copyTo (an older engine)', over: { copyTo: undefined }, ok: false },
  ])('$name → $ok', ({ over, ok }) => {
    expect(copyable(frame(over))).toBe(ok);
  });
  it('an ImageBitmap is not', () => {
    expect(copyable({ width: 10, height: 10, close: () => undefined })).toBe(false);
  });
});

describe('probeReadBack: a bitmap read back as RGBA, unchanged', () => {
  const rgba = [255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255];
  it.each([
    { name: 'red, green, blue, white', rgba, ok: true },
    { name: 'off by one (converted on the way)', rgba: rgba.map((v, i) => (i === 0 ? 254 : v)), ok: false },
    {
      name: 'red and blue swapped (BGRA left as it is)',
      rgba: [0, 0, 255, 255, 0, 255, 0, 255, 255, 0, 0, 255, 255, 255, 255, 255],
      ok: false,
    },
    { name: 'transparent', rgba: rgba.map((v, i) => (i % 4 === 3 ? 0 : v)), ok: false },
    { name: 'nothing copied', rgba: [], ok: false },
  ])('$name → $ok', ({ rgba: got, ok }) => {
    expect(probeReadBack(got)).toBe(ok);
  });
});
