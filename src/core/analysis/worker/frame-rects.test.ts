import { describe, expect, it } from 'vitest';
import { frameCropper, rectHonoured, type CropTools } from './frame-rects.ts';
import type { FrameSource } from '../protocol.ts';

/** Stand-ins: a VideoFrame has codedWidth, an ImageBitmap does not; each records its close(). */
function videoFrame(): FrameSource & { closed: boolean } {
  const frame = { codedWidth: 1920, closed: false, close: () => void (frame.closed = true) };
  return frame as unknown as FrameSource & { closed: boolean };
}
function bitmap(): ImageBitmap & { closed: boolean } {
  const b = { width: 1920, height: 1080, closed: false, close: () => void (b.closed = true) };
  return b;
}

function tools(honours: boolean | Error) {
  const calls = { checks: 0, copies: [] as (ImageBitmap & { closed: boolean })[] };
  const t: CropTools = {
    honoursRects: async () => {
      calls.checks++;
      if (honours instanceof Error) throw honours;
      return honours;
    },
    copy: async () => {
      const copy = bitmap();
      calls.copies.push(copy);
      return copy;
    },
  };
  return { t, calls };
}

describe('crops of camera frames in every engine', () => {
  it('an engine that honours VideoFrame rectangles crops the frame itself: no copy', async () => {
    const { t, calls } = tools(true);
    const crop = frameCropper(t);
    const frame = videoFrame();
    const c = await crop(frame);
    expect(c.source).toBe(frame);
    c.release();
    expect(frame.closed).toBe(false);
    expect(calls.copies).toHaveLength(0);
  });

  it('an engine that ignores them (WebKitGTK) crops a whole copy, closed on release', async () => {
    const { t, calls } = tools(false);
    const crop = frameCropper(t);
    const frame = videoFrame();
    const c = await crop(frame);
    expect(calls.copies).toHaveLength(1);
    expect(c.source).toBe(calls.copies[0]);
    expect(calls.copies[0]?.closed).toBe(false);
    c.release();
    expect(calls.copies[0]?.closed).toBe(true);
    // The frame itself stays the caller's to close.
    expect(frame.closed).toBe(false);
  });

  it('the engine is checked once per worker, however many frames', async () => {
    const { t, calls } = tools(false);
    const crop = frameCropper(t);
    await Promise.all([crop(videoFrame()), crop(videoFrame()), crop(videoFrame())]);
    expect(calls.checks).toBe(1);
    expect(calls.copies).toHaveLength(3);
  });

  it('a check that fails counts as "ignored": the copy is always right', async () => {
    const { t, calls } = tools(new Error('no OffscreenCanvas'));
    const c = await frameCropper(t)(videoFrame());
    expect(c.source).toBe(calls.copies[0]);
  });

  it('an ImageBitmap (engines without VideoFrame) is cropped as it is, with no check', async () => {
    const { t, calls } = tools(false);
    const b = bitmap();
    const c = await frameCropper(t)(b);
    expect(c.source).toBe(b);
    expect(calls).toEqual({ checks: 0, copies: [] });
  });

  it.each<[string, number[], boolean]>([
    ['blue: the right half, as asked', [0, 0, 255, 255], true],
    ['red: the whole frame squeezed in', [255, 0, 0, 255], false],
    ['a blend at the seam is not blue enough', [128, 0, 127, 255], false],
  ])('the probe pixel reads %s', (_name, pixel, honoured) => {
    expect(rectHonoured(pixel)).toBe(honoured);
  });
});
