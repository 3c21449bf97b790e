import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WidgetError } from '../../core/session/types.ts';
import { wayForward } from './ErrorView.tsx';
import { estimatedProgress } from './ProgressView.tsx';

const api = (code: WidgetError['code'], retryable: boolean): WidgetError => ({ code, source: 'api', retryable });
const camera = (code: WidgetError['code'], retryable: boolean): WidgetError => ({ code, source: 'camera', retryable });

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
    [{ code: 'FILE_REJECTED', source: 'capture', retryable: false } as WidgetError, false, 'retake'],
    [{ code: 'CAPTURE_FAILED', source: 'capture', retryable: true } as WidgetError, false, 'retake'],
  ] as const)('%j with capture kept: %s → %s', (error, kept, way) => {
    expect(wayForward(error, kept)).toBe(way);
  });
});

describe('estimatedProgress', () => {
  it('rises with time and never claims to be done', () => {
    const values = [0, 1, 2, 3, 5, 10, 30, 300].map(estimatedProgress);
    expect(values[0]).toBe(0);
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1] ?? 0);
    expect(Math.max(...values)).toBeLessThan(100);
  });
});

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx|js|mjs)$/.test(name) && !/\.test\./.test(name) ? [path] : [];
  });
}

describe('server text is never HTML', () => {
  it('no client code writes HTML from strings', () => {
    const offenders = [...sources('src/react'), ...sources('src/core'), ...sources('src/element'), ...sources('public')].filter((file) =>
      /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write\(/.test(readFileSync(file, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
