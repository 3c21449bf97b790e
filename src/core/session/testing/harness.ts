/**
 * A capture session wired to the fakes and to an MSW-mocked API, with everything it tells the
 * host recorded. For tests only.
 */
import { http, HttpResponse } from 'msw';
import type { SetupServer } from 'msw/node';
import { expect, vi } from 'vitest';
import type { Verdict } from '../../api/verdict.ts';
import type { CameraChange } from '../notify.ts';
import type { SessionOptions } from '../options.ts';
import { createCaptureSession, type CaptureSession } from '../session.ts';
import type { SessionSnapshot } from '../snapshot.ts';
import type { CaptureMeta, SessionState, WidgetError } from '../types.ts';
import { fakeFeed, fakeStream, testEnvironment, type TestEnvironment } from './fakes.ts';

export const BASE = 'http://host.test/api/ekyc';
export const LIVE = { status: 'success', messageCode: 'api.success', probability: 0.97, score: 3.5, quality: 0.8 };

export interface Heard {
  states: SessionState[];
  captures: Array<{ blob: Blob; meta: CaptureMeta }>;
  results: Verdict[];
  errors: WidgetError[];
  cancels: number;
  cameras: CameraChange[];
}

export interface Harness {
  session: CaptureSession;
  env: TestEnvironment;
  heard: Heard;
  unmount(): void;
  /** Starts the camera with a fake stream and feed; resolves once the camera is ready. */
  cameraOn(): Promise<ReturnType<typeof fakeStream>>;
  /** Camera on and a compliant face: resolves once guidance has captured by itself. */
  autoCapture(): Promise<void>;
}

export function harness(options: SessionOptions = {}, env: TestEnvironment = testEnvironment()): Harness {
  const heard: Heard = { states: [], captures: [], results: [], errors: [], cancels: 0, cameras: [] };
  const session = createCaptureSession(
    {
      apiBaseUrl: BASE,
      onStateChange: (s) => heard.states.push(s),
      onCapture: (blob, meta) => heard.captures.push({ blob, meta }),
      onResult: (v) => heard.results.push(v),
      onError: (e) => heard.errors.push(e),
      onCancel: () => void (heard.cancels += 1),
      onCameraChange: (c) => heard.cameras.push(c),
      ...options,
    },
    env,
  );
  const unmount = session.mount();
  const h: Harness = {
    session,
    env,
    heard,
    unmount,
    async cameraOn() {
      session.start();
      const stream = fakeStream();
      session.cameraStarted(stream, fakeFeed());
      await until(session, (s) => s.status === 'ready');
      return stream;
    },
    async autoCapture() {
      await h.cameraOn();
      await until(session, (s) => s.capture !== null);
    },
  };
  return h;
}

/** Waits (bounded) until the session's snapshot satisfies `predicate`. */
export async function until(
  session: CaptureSession,
  predicate: (s: SessionSnapshot) => boolean,
  timeout = 3000,
): Promise<SessionSnapshot> {
  await vi.waitFor(() => expect(predicate(session.getSnapshot())).toBe(true), { timeout, interval: 5 });
  return session.getSnapshot();
}

export interface Seen {
  journeyId: string;
  bytes: Uint8Array;
}

/** Records every upload's image bytes and journeyId, and answers with the next scripted reply (the last repeats). */
export function okaylive(server: SetupServer, replies: Array<() => Response | Promise<Response>>): Seen[] {
  const seen: Seen[] = [];
  server.use(
    http.post(`${BASE}/okaylive`, async ({ request }) => {
      const form = await request.formData();
      const file = form.get('imageBest');
      const journeyId = form.get('journeyId');
      seen.push({
        journeyId: typeof journeyId === 'string' ? journeyId : '',
        bytes: new Uint8Array(file instanceof File ? await file.arrayBuffer() : new ArrayBuffer(0)),
      });
      const reply = replies[Math.min(seen.length - 1, replies.length - 1)];
      if (!reply) throw new Error('no reply scripted');
      return reply();
    }),
  );
  return seen;
}

/** Answers journey requests with these ids in turn; returns how many were made. */
export function journeys(server: SetupServer, ids: string[]): () => number {
  let n = 0;
  server.use(
    http.post(`${BASE}/journeyid`, () =>
      HttpResponse.json({ status: 'success', message: 'api.success', journeyId: ids[Math.min(n++, ids.length - 1)] }),
    ),
  );
  return () => n;
}

export const sameBytes = (a: Uint8Array | undefined, b: Uint8Array | undefined): boolean =>
  !!a && !!b && Buffer.from(a).equals(Buffer.from(b));
