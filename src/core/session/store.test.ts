import { describe, expect, it } from 'vitest';
import { canMove, createSessionStore } from './store.ts';
import type { Capture } from './types.ts';

const capture: Capture = {
  blob: new Blob(['x'], { type: 'image/jpeg' }),
  meta: { width: 810, height: 1080, bytes: 1, jpegQuality: 0.95, mode: 'manual', camera: null, lowResolution: false, capturedAt: '' },
};

function toCaptured() {
  const store = createSessionStore({ journeyId: 'j' });
  const s = () => store.getState();
  s().startCamera();
  s().cameraReady();
  s().beginCapture();
  s().captured(capture);
  return store;
}

describe('session store', () => {
  it('walks the happy path', () => {
    const store = toCaptured();
    expect(store.getState().status).toBe('captured');
    expect(store.getState().submit()).toBe(true);
    expect(store.getState().resolve({ outcome: 'live', probability: 0.9, quality: 0.8, score: 2 })).toBe(true);
    expect(store.getState().status).toBe('result');
    expect(store.getState().capture).toBe(capture);
  });

  it('never lets a second submit start while one is in flight', () => {
    const store = toCaptured();
    expect(store.getState().submit()).toBe(true);
    expect(store.getState().submit()).toBe(false);
    expect(store.getState().status).toBe('submitting');
  });

  it('keeps the capture through a transient failure and resends it', () => {
    const store = toCaptured();
    store.getState().submit();
    store.getState().fail({ code: 'NETWORK_ERROR', source: 'api', retryable: true });
    expect(store.getState().capture).toBe(capture);
    expect(store.getState().submit()).toBe(true);
  });

  it('does not resend after a failure that is not of the path', () => {
    const store = toCaptured();
    store.getState().submit();
    store.getState().fail({ code: 'PAYLOAD_TOO_LARGE', source: 'api', retryable: false });
    expect(store.getState().submit()).toBe(false);
    expect(store.getState().retake()).toBe(true);
    expect(store.getState().capture).toBeNull();
    expect(store.getState().status).toBe('camera_starting');
  });

  it('ignores moves the machine does not allow', () => {
    const store = createSessionStore();
    expect(store.getState().beginCapture()).toBe(false);
    expect(store.getState().resolve({ outcome: 'live' })).toBe(false);
    expect(store.getState().status).toBe('idle');
  });

  it('gives every widget its own state', () => {
    const a = createSessionStore();
    const b = createSessionStore();
    a.getState().startCamera();
    expect(b.getState().status).toBe('idle');
  });

  it.each([
    ['idle', 'camera_starting', true],
    ['ready', 'submitting', false],
    ['submitting', 'submitting', false],
    ['result', 'camera_starting', true],
    ['error', 'submitting', true],
    ['error', 'capturing', true], // the image-file fallback after a camera fault
  ] as const)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canMove(from, to)).toBe(allowed);
  });
});
