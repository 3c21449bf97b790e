import { describe, expect, it, vi } from 'vitest';
import { browserFamily } from './browser.ts';
import { CONSTRAINT_LADDER, cameraConstraints, nextConstraintStep } from './constraints.ts';
import { cameraErrorCode, cameraPrecondition, isCameraRetryable } from './errors.ts';
import { watchCameraPermission } from './permission.ts';
import { stopStreams, watchTracks } from './tracks.ts';

const dom = (name: string, message = '') => Object.assign(new Error(message), { name });

describe('cameraErrorCode', () => {
  it.each([
    [dom('NotAllowedError'), 'CAMERA_DENIED'],
    [dom('PermissionDeniedError'), 'CAMERA_DENIED'],
    [dom('NotFoundError'), 'CAMERA_NOT_FOUND'],
    [dom('DevicesNotFoundError'), 'CAMERA_NOT_FOUND'],
    [dom('NotReadableError'), 'CAMERA_IN_USE'],
    [dom('TrackStartError'), 'CAMERA_IN_USE'],
    [dom('OverconstrainedError'), 'CAMERA_CONSTRAINTS'],
    [dom('TypeError'), 'CAMERA_UNSUPPORTED'],
    ['getUserMedia not supported', 'CAMERA_UNSUPPORTED'],
    [new Error('getUserMedia is not implemented in this browser'), 'CAMERA_UNSUPPORTED'],
    [new Error('boom'), 'CAMERA_ERROR'],
    ['something else', 'CAMERA_ERROR'],
    [null, 'CAMERA_ERROR'],
  ] as const)('%s → %s', (error, code) => {
    expect(cameraErrorCode(error)).toBe(code);
  });

  it('only the page-level faults are final', () => {
    expect(isCameraRetryable('CAMERA_INSECURE_CONTEXT')).toBe(false);
    expect(isCameraRetryable('CAMERA_UNSUPPORTED')).toBe(false);
    expect(isCameraRetryable('CAMERA_DENIED')).toBe(true);
    expect(isCameraRetryable('CAMERA_ENDED')).toBe(true);
  });
});

describe('cameraPrecondition', () => {
  const real = { getUserMedia() {}, enumerateDevices() {} };
  it.each([
    ['secure, real MediaDevices', { isSecureContext: true, mediaDevices: real }, null],
    ['http off localhost', { isSecureContext: false, mediaDevices: undefined }, 'CAMERA_INSECURE_CONTEXT'],
    [
      'insecure wins over a shim',
      { isSecureContext: false, mediaDevices: { getUserMedia() {} } },
      'CAMERA_INSECURE_CONTEXT',
    ],
    ['no mediaDevices', { isSecureContext: true, mediaDevices: undefined }, 'CAMERA_UNSUPPORTED'],
    [
      'mediaDevices without getUserMedia',
      { isSecureContext: true, mediaDevices: { enumerateDevices() {} } },
      'CAMERA_UNSUPPORTED',
    ],
    [
      "react-webcam's shim over nothing",
      { isSecureContext: true, mediaDevices: { getUserMedia() {} } },
      'CAMERA_UNSUPPORTED',
    ],
    [
      'shim over a legacy API',
      { isSecureContext: true, mediaDevices: { getUserMedia() {} }, legacyGetUserMedia() {} },
      null,
    ],
    [
      'a frame embedded without allow="camera"',
      { isSecureContext: true, mediaDevices: real, cameraAllowedByPolicy: false },
      'CAMERA_BLOCKED_BY_PAGE',
    ],
    ['a frame that allows it', { isSecureContext: true, mediaDevices: real, cameraAllowedByPolicy: true }, null],
  ] as const)('%s', (_name, env, code) => {
    expect(cameraPrecondition(env)).toBe(code);
  });
});

describe('constraint ladder', () => {
  it('asks for 1080p of the front camera first, then less, then any camera', () => {
    expect(cameraConstraints(undefined, 0)).toEqual({
      width: { ideal: 1920 },
      height: { ideal: 1080 },
      facingMode: 'user',
    });
    expect(cameraConstraints(undefined, 1)).toEqual({
      width: { ideal: 1280 },
      height: { ideal: 720 },
      facingMode: 'user',
    });
    expect(cameraConstraints(undefined, 2)).toEqual({ facingMode: 'user' });
    expect(cameraConstraints(undefined, 3)).toEqual({});
    expect(cameraConstraints(undefined, 99)).toEqual({});
  });

  it("demands the host's camera first, then only prefers it", () => {
    expect(cameraConstraints('cam-2', 0).deviceId).toEqual({ exact: 'cam-2' });
    expect(cameraConstraints('cam-2', 1).deviceId).toEqual({ ideal: 'cam-2' });
    expect(cameraConstraints('cam-2', 3).deviceId).toBeUndefined();
  });

  it('never uses a hard size bound, which would itself overconstrain', () => {
    for (let step = 0; step < CONSTRAINT_LADDER.length; step++) {
      const c = JSON.stringify(cameraConstraints('x', step));
      expect(c).not.toMatch(/"(min|max)"/);
      expect(c.includes('"exact"')).toBe(step === 0);
    }
  });

  it.each([
    [0, dom('OverconstrainedError'), 1],
    [1, dom('ConstraintNotSatisfiedError'), 2],
    [2, dom('OverconstrainedError'), 3],
    [3, dom('OverconstrainedError'), null],
    [0, dom('NotAllowedError'), null],
    [0, dom('NotReadableError'), null],
    [0, 'getUserMedia not supported', null],
  ] as const)('after step %s, %s → %s', (step, error, next) => {
    expect(nextConstraintStep(step, error)).toBe(next);
  });
});

describe('browserFamily', () => {
  it.each([
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
      0,
      'chrome',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0',
      0,
      'edge',
    ],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0', 0, 'firefox'],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
      0,
      'safari',
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
      5,
      'ios',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0 Mobile/15E148 Safari/604.1',
      5,
      'ios',
    ],
    [
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
      5,
      'android',
    ],
    ['curl/8.0', 0, 'other'],
  ] as const)('%s', (userAgent, maxTouchPoints, family) => {
    expect(browserFamily({ userAgent, maxTouchPoints })).toBe(family);
  });
});

class FakeTrack extends EventTarget {
  readyState: 'live' | 'ended' = 'live';
  stop() {
    this.readyState = 'ended'; // as in browsers, stop() fires no 'ended' event
  }
  unplug() {
    this.readyState = 'ended';
    this.dispatchEvent(new Event('ended'));
  }
}

describe('tracks', () => {
  it('reports a track that ends on its own, once', () => {
    const a = new FakeTrack();
    const b = new FakeTrack();
    const onEnded = vi.fn();
    watchTracks({ getTracks: () => [a, b] }, onEnded);
    a.unplug();
    b.unplug();
    expect(onEnded).toHaveBeenCalledTimes(1);
  });

  it('says nothing about our own stop, nor after unsubscribing', () => {
    const a = new FakeTrack();
    const onEnded = vi.fn();
    const off = watchTracks({ getTracks: () => [a] }, onEnded);
    stopStreams([{ getTracks: () => [a] }]);
    expect(a.readyState).toBe('ended');
    off();
    a.unplug();
    expect(onEnded).not.toHaveBeenCalled();
  });

  it('reports a track that had already ended when watching began', async () => {
    const a = new FakeTrack();
    a.readyState = 'ended';
    const onEnded = vi.fn();
    watchTracks({ getTracks: () => [a] }, onEnded);
    await Promise.resolve();
    expect(onEnded).toHaveBeenCalledTimes(1);
  });

  it('stops every track of every stream', () => {
    const tracks = [new FakeTrack(), new FakeTrack(), new FakeTrack()];
    stopStreams([{ getTracks: () => tracks.slice(0, 2) }, { getTracks: () => tracks.slice(2) }]);
    expect(tracks.map((t) => t.readyState)).toEqual(['ended', 'ended', 'ended']);
  });
});

describe('watchCameraPermission', () => {
  class FakeStatus extends EventTarget {
    state = 'denied';
  }

  it('calls back when the person allows the camera in the settings', async () => {
    const status = new FakeStatus();
    const onGranted = vi.fn();
    watchCameraPermission({ query: async () => status }, onGranted);
    await Promise.resolve();
    await Promise.resolve();
    status.state = 'prompt';
    status.dispatchEvent(new Event('change'));
    expect(onGranted).not.toHaveBeenCalled();
    status.state = 'granted';
    status.dispatchEvent(new Event('change'));
    expect(onGranted).toHaveBeenCalledTimes(1);
  });

  it('is silent without the Permissions API, or when it refuses the camera name, or after stop', async () => {
    const onGranted = vi.fn();
    watchCameraPermission(undefined, onGranted)();
    watchCameraPermission({ query: () => Promise.reject(new TypeError('camera is not a valid name')) }, onGranted);
    const status = new FakeStatus();
    const stop = watchCameraPermission({ query: async () => status }, onGranted);
    await Promise.resolve();
    await Promise.resolve();
    stop();
    status.state = 'granted';
    status.dispatchEvent(new Event('change'));
    expect(onGranted).not.toHaveBeenCalled();
  });
});
