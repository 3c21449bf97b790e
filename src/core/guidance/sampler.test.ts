import { describe, expect, it } from 'vitest';
import { videoFeed } from './sampler.ts';

/** Just what videoFeed reads of a video element. */
function video(videoWidth: number, videoHeight: number, readyState: number, currentTime = 0.5): HTMLVideoElement {
  return { videoWidth, videoHeight, readyState, currentTime } as unknown as HTMLVideoElement;
}

describe('a still from the camera preview', () => {
  it.each<[string, HTMLVideoElement, boolean]>([
    ['no stream yet', video(0, 0, 0, 0), false],
    // Drawn at these points the element gives a black picture.
    ['size known, no frame yet (HAVE_METADATA)', video(1920, 1080, 1, 0), false],
    ['a frame buffered, playback not begun', video(1920, 1080, 4, 0), false],
    ['a current frame (HAVE_CURRENT_DATA)', video(1920, 1080, 2), true],
    ['playing (HAVE_ENOUGH_DATA)', video(1920, 1080, 4), true],
  ])('%s → %s', (_name, element, available) => {
    expect(videoFeed(element).still() !== null).toBe(available);
  });

  it('is the portrait crop of the whole frame, at the camera size', () => {
    const still = videoFeed(video(1920, 1080, 4)).still();
    expect(still?.camera).toEqual({ width: 1920, height: 1080 });
    expect(still?.plan).toMatchObject({ sy: 0, sh: 1080, sw: 810, sx: 555 });
  });
});

describe('a frame waiting to be analysed', () => {
  /** A video element whose presented frames the test advances. */
  function presenting(): { element: HTMLVideoElement; present(): void } {
    let callbacks: Array<(now: number, meta: { presentedFrames: number }) => void> = [];
    let frames = 0;
    const element = {
      ...video(0, 0, 0),
      requestVideoFrameCallback: (cb: (now: number, meta: { presentedFrames: number }) => void) => callbacks.push(cb),
    } as unknown as HTMLVideoElement;
    return {
      element,
      present() {
        frames += 1;
        const due = callbacks;
        callbacks = [];
        for (const cb of due) cb(frames * 33, { presentedFrames: frames });
      },
    };
  }

  it('is there once the camera presents a frame the last sample did not take', async () => {
    const { element, present } = presenting();
    const feed = videoFeed(element);
    expect(feed.pendingFrame?.()).toBe(false);
    present();
    expect(feed.pendingFrame?.()).toBe(true);
    await feed.sample();
    expect(feed.pendingFrame?.()).toBe(false);
    present();
    present();
    expect(feed.pendingFrame?.()).toBe(true);
  });

  it('is never claimed where the engine cannot count frames', () => {
    expect(videoFeed(video(1920, 1080, 4)).pendingFrame?.()).toBe(false);
  });
});
