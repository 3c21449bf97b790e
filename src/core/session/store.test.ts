import { describe, expect, it } from 'vitest';
import type { CheckResult, JourneyResult } from '../api/requests.ts';
import { deriveSnapshot, stableSnapshot } from './snapshot.ts';
import { canMove, createSessionStore, move, type Phase, type SessionData } from './store.ts';
import type { Capture, WidgetError } from './types.ts';

const capture: Capture = {
  blob: new Blob(['x'], { type: 'image/jpeg' }),
  meta: {
    width: 810,
    height: 1080,
    bytes: 1,
    jpegQuality: 0.95,
    mode: 'manual',
    camera: null,
    lowResolution: false,
    capturedAt: '',
  },
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
function request<T>(
  status: 'idle' | 'pending' | 'success' | 'error',
  data?: T,
  error?: WidgetError,
): T extends string ? JourneyResult : CheckResult {
  return { status, data, error: error ?? null } as unknown as T extends string ? JourneyResult : CheckResult;
}

const IDLE_CHECK = request<{ outcome: 'live' }>('idle');
const IDLE_JOURNEY = request<string>('idle');
/** A fixed clock, online: the countdowns read against it. */
const CLOCK = { now: 1_000_000, online: true };

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
      ...CLOCK,
    });
    expect(s.status).toBe(status);
    expect(s.error).toBe(error);
    expect(s.verdict).toEqual(status === 'result' ? { outcome: 'live' } : null);
  });

  it('the hint is the guidance hint while the camera is live, the refused rule after a photo, else none', () => {
    const guidance = {
      ...createSessionStore().getState().guidance,
      hint: { code: 'FACE_TOO_SMALL' as const, row: 'faceSide' },
    };
    const at = (phase: Phase, failure: WidgetError | null = null) =>
      deriveSnapshot({
        data: data({ phase, guidance, failure }),
        check: IDLE_CHECK,
        journey: IDLE_JOURNEY,
        manualAtOnce: false,
        ...CLOCK,
      }).hint;
    expect(at('ready')).toBe('FACE_TOO_SMALL');
    expect(at('captured')).toBeNull();
    expect(at('failed', { code: 'FILE_REJECTED', source: 'capture', retryable: false, reason: 'FACE_NOT_FOUND' })).toBe(
      'FACE_NOT_FOUND',
    );
  });

  it('keeps its identity while nothing changes, so views do not re-render', () => {
    const input = { data: data({}), check: IDLE_CHECK, journey: IDLE_JOURNEY, manualAtOnce: false, ...CLOCK };
    const first = deriveSnapshot(input);
    expect(stableSnapshot(first, deriveSnapshot(input))).toBe(first);
    // Derived again from an equal camera state: the same constraints object, which react-webcam compares.
    const again = stableSnapshot(
      first,
      deriveSnapshot({ ...input, data: { ...input.data, camera: { ...input.data.camera } } }),
    );
    expect(again).toBe(first);
    expect(again.camera.constraints).toBe(first.camera.constraints);
    expect(stableSnapshot(first, deriveSnapshot({ ...input, data: data({ phase: 'camera_starting' }) }))).not.toBe(
      first,
    );
  });
});

describe('decisions the views only render', () => {
  const base = createSessionStore().getState().guidance;
  const hint = { code: 'FACE_TOO_SMALL' as const, row: 'faceSide' };
  it.each<[string, Phase, Partial<typeof base>, string]>([
    ['camera still starting', 'camera_starting', { frame: 3 }, 'neutral'],
    ['no frame analysed yet', 'ready', { frame: 0 }, 'neutral'],
    ['guidance unavailable', 'ready', { frame: 3, stage: 'unavailable' }, 'neutral'],
    ['something to fix', 'ready', { frame: 3, hint }, 'warn'],
    ['the rest still being read', 'ready', { frame: 3, pending: ['pitch'] }, 'neutral'],
    ['all good', 'ready', { frame: 3 }, 'good'],
  ])('tone: %s', (_name, phase, guidance, tone) => {
    const s = deriveSnapshot({
      data: data({ phase, guidance: { ...base, ...guidance } }),
      check: IDLE_CHECK,
      journey: IDLE_JOURNEY,
      manualAtOnce: false,
      ...CLOCK,
    });
    expect(s.tone).toBe(tone);
  });

  const pathFailure = (retryAt?: number): WidgetError => ({
    code: 'RATE_LIMITED',
    source: 'api',
    retryable: true,
    ...(retryAt === undefined ? {} : { retryAt }),
  });
  it.each<[string, WidgetError, boolean, number, boolean, boolean]>([
    ['no deadline, online', pathFailure(), true, 0, false, true],
    ['2.5 s to wait', pathFailure(CLOCK.now + 2_500), true, 3, false, false],
    ['exactly one second to wait', pathFailure(CLOCK.now + 1_000), true, 1, false, false],
    ['the deadline has passed', pathFailure(CLOCK.now - 1), true, 0, false, true],
    ['offline', pathFailure(), false, 0, true, false],
    [
      'a failure the service will not change its mind on',
      { code: 'INVALID_API_KEY', source: 'api', retryable: false },
      true,
      0,
      false,
      false,
    ],
  ])('resend: %s', (_name, error, online, resendIn, offline, canResend) => {
    const s = deriveSnapshot({
      data: data({ phase: 'captured', capture }),
      check: request('error', undefined, error),
      journey: IDLE_JOURNEY,
      manualAtOnce: false,
      now: CLOCK.now,
      online,
    });
    expect({ resendIn: s.resendIn, offline: s.offline, canResend: s.canResend }).toEqual({
      resendIn,
      offline,
      canResend,
    });
  });

  it.each<[string, Phase, CheckResult, boolean]>([
    ['idle', 'idle', IDLE_CHECK, true],
    ['a live verdict ends the step', 'captured', request('success', { outcome: 'live' }), false],
    ['not live: the person may leave', 'captured', request('success', { outcome: 'not_live' }), true],
    ['submitting', 'captured', request('pending'), true],
  ])('cancelable: %s', (_name, phase, check, cancelable) => {
    expect(
      deriveSnapshot({ data: data({ phase, capture }), check, journey: IDLE_JOURNEY, manualAtOnce: false, ...CLOCK })
        .cancelable,
    ).toBe(cancelable);
  });

  it('the permission wait is over only while the camera is being asked for', () => {
    const at = (phase: Phase) =>
      deriveSnapshot({
        data: data({ phase, permissionWaitOver: true }),
        check: IDLE_CHECK,
        journey: IDLE_JOURNEY,
        manualAtOnce: false,
        ...CLOCK,
      }).permissionWaitOver;
    expect(at('camera_starting')).toBe(true);
    expect(at('ready')).toBe(false);
  });
});
