import { describe, expect, it } from 'vitest';
import type { CheckResult, JourneyResult } from '../api/requests.ts';
import { deriveSnapshot, stableSnapshot } from './snapshot.ts';
import { canMove, createSessionStore, move, type Phase, type SessionData } from './store.ts';
import type { Capture, WidgetError } from './types.ts';

const capture: Capture = {
  blob: new Blob(['x'], { type: 'image/jpeg' }),
  meta: { width: 810, height: 1080, bytes: 1, jpegQuality: 0.95, mode: 'manual', camera: null, lowResolution: false, capturedAt: '' },
};

describe('phase moves', () => {
  it.each([
    ['idle', 'camera_starting', true],
    ['idle', 'capturing', false],
    ['ready', 'captured', false],
    ['capturing', 'captured', true],
    ['captured', 'camera_starting', true], // a new selfie after a verdict
    ['captured', 'capturing', false],
    ['failed', 'capturing', true], // the photo fallback after a camera fault
    ['failed', 'ready', false],
  ] as const)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canMove(from, to)).toBe(allowed);
  });

  it('ignores a move the machine does not allow, patch and all', () => {
    const store = createSessionStore();
    expect(move(store, 'captured', { capture })).toBe(false);
    expect(store.getState()).toMatchObject({ phase: 'idle', capture: null });
  });

  it('gives every widget its own state', () => {
    const a = createSessionStore();
    const b = createSessionStore();
    move(a, 'camera_starting');
    expect(b.getState().phase).toBe('idle');
  });
});

/** A request observer's result with only the fields the derivation reads. */
function request<T>(status: 'idle' | 'pending' | 'success' | 'error', data?: T, error?: WidgetError): T extends string ? JourneyResult : CheckResult {
  return { status, data, error: error ?? null } as unknown as T extends string ? JourneyResult : CheckResult;
}

const IDLE_CHECK = request<{ outcome: 'live' }>('idle');
const IDLE_JOURNEY = request<string>('idle');

function data(patch: Partial<SessionData>): SessionData {
  return { ...createSessionStore().getState(), ...patch };
}

describe('the status hosts see: the session phase, then the request state', () => {
  const apiError: WidgetError = { code: 'NETWORK_ERROR', source: 'api', retryable: true };
  const cameraError: WidgetError = { code: 'CAMERA_DENIED', source: 'camera', retryable: true };
  it.each<[string, Phase, CheckResult, string, WidgetError | null]>([
    ['idle', 'idle', IDLE_CHECK, 'idle', null],
    ['capture kept, nothing sent (autoSubmit off)', 'captured', IDLE_CHECK, 'captured', null],
    ['check in flight', 'captured', request('pending'), 'submitting', null],
    ['verdict', 'captured', request('success', { outcome: 'live' }), 'result', null],
    ['the check failed', 'captured', request('error', undefined, apiError), 'error', apiError],
    ['a camera fault', 'failed', IDLE_CHECK, 'error', cameraError],
    // The camera is back on: an old request's state no longer counts.
    ['retake after a failure', 'camera_starting', request('error', undefined, apiError), 'camera_starting', null],
  ])('%s', (_name, phase, check, status, error) => {
    const s = deriveSnapshot({
      data: data({ phase, capture, failure: phase === 'failed' ? cameraError : null }),
      check,
      journey: IDLE_JOURNEY,
      manualAtOnce: false,
    });
    expect(s.status).toBe(status);
    expect(s.error).toBe(error);
    expect(s.verdict).toEqual(status === 'result' ? { outcome: 'live' } : null);
  });

  it('the hint is the guidance hint while the camera is live, the refused rule after a photo, else none', () => {
    const guidance = { ...createSessionStore().getState().guidance, hint: { code: 'FACE_TOO_SMALL' as const, row: 'faceSide' } };
    const at = (phase: Phase, failure: WidgetError | null = null) =>
      deriveSnapshot({ data: data({ phase, guidance, failure }), check: IDLE_CHECK, journey: IDLE_JOURNEY, manualAtOnce: false }).hint;
    expect(at('ready')).toBe('FACE_TOO_SMALL');
    expect(at('captured')).toBeNull();
    expect(at('failed', { code: 'FILE_REJECTED', source: 'capture', retryable: false, reason: 'FACE_NOT_FOUND' })).toBe('FACE_NOT_FOUND');
  });

  it('keeps its identity while nothing changes, so views do not re-render', () => {
    const input = { data: data({}), check: IDLE_CHECK, journey: IDLE_JOURNEY, manualAtOnce: false };
    const first = deriveSnapshot(input);
    expect(stableSnapshot(first, deriveSnapshot(input))).toBe(first);
    expect(deriveSnapshot(input).camera).toBe(first.camera);
    expect(stableSnapshot(first, deriveSnapshot({ ...input, data: data({ phase: 'camera_starting' }) }))).not.toBe(first);
  });
});
