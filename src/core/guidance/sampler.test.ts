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
