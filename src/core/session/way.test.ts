import { describe, expect, it } from 'vitest';
import type { WidgetError } from './types.ts';
import { wayForward } from './way.ts';

type Code = Exclude<WidgetError['code'], 'ANALYSIS_UNAVAILABLE' | 'REQUIREMENTS_INVALID'>;
const api = (code: Code, retryable: boolean): WidgetError => ({ code, source: 'api', retryable });
const camera = (code: Code, retryable: boolean): WidgetError => ({ code, source: 'camera', retryable });
const capture = (code: Code, retryable: boolean): WidgetError => ({ code, source: 'capture', retryable });

describe('wayForward: every failure has one, and a resend never becomes a recapture', () => {
  it.each([
    [api('NETWORK_ERROR', true), true, 'resend'],
    [api('RATE_LIMITED', true), true, 'resend'],
    [api('PAYLOAD_TOO_LARGE', true), true, 'resend'], // a smaller copy is ready
    [api('PAYLOAD_TOO_LARGE', false), true, 'retake'], // no smaller copy possible
    [api('NETWORK_ERROR', true), false, 'retake'], // nothing kept to resend (autoSubmit off, then dropped)
    [api('UNRECOGNIZED_IMAGE', false), true, 'retake'],
    [api('INVALID_JOURNEY_ID', false), true, 'none'], // the host brings a new journey
    [camera('CAMERA_DENIED', true), false, 'camera'],
    [camera('CAMERA_IN_USE', true), false, 'camera'],
    [camera('CAMERA_ENDED', true), false, 'reconnect'],
    [camera('CAMERA_INSECURE_CONTEXT', false), false, 'none'], // the photo fallback is the way
    [camera('CAMERA_UNSUPPORTED', false), false, 'none'],
    [capture('FILE_REJECTED', false), false, 'retake'],
    [capture('CAPTURE_FAILED', true), false, 'retake'],
  ] as const)('%j with capture kept: %s → %s', (error, kept, way) => {
    expect(wayForward(error, kept)).toBe(way);
  });
});
