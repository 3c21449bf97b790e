import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AnalysisFailure } from '../analysis/protocol.ts';
import { ANALYSIS_FIXES } from './analysis-notice.ts';
import {
  BLANK_STILL,
  faceAt,
  fakeFeed,
  fakeStream,
  GOOD_STILL,
  jpegBytes,
  NO_FACE,
  testEnvironment,
} from './testing/fakes.ts';
import { harness, journeys, LIVE, okaylive, sameBytes, until } from './testing/harness.ts';
import { STILL_ATTEMPTS } from './still-guard.ts';

/** What was judged is what is sent: stills read back before upload, and guidance that is lost is told. */

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
afterEach(() => server.resetHandlers());

const bytesOf = async (blob: Blob | undefined) => new Uint8Array(blob ? await blob.arrayBuffer() : new ArrayBuffer(0));

describe('the still is read back before it is sent', () => {
  it('a blank still is never sent: the next compliant frame is, and the capture counts the one refused', async () => {
    journeys(server, ['j-1']);
    const seen = okaylive(server, [() => HttpResponse.json(LIVE)]);
    const env = testEnvironment();
    env.probe.planted.push(BLANK_STILL);
    const h = harness({}, env);
    await h.autoCapture();
    await until(h.session, (s) => s.status === 'result');
    expect(h.heard.captures).toHaveLength(1);
    expect(h.heard.captures[0]?.meta).toMatchObject({ mode: 'auto', stillRejected: 1, guidance: 'ready' });
    expect(seen).toHaveLength(1);
    expect(sameBytes(seen[0]?.bytes, await bytesOf(h.heard.captures[0]?.blob))).toBe(true);
    // Two stills were encoded; the first (refused) is not what went out.
    expect(env.probe.regions).toHaveLength(2);
    h.unmount();
  });

  it("an automatic still is compared with the analysed frame's face: a different picture is refused", async () => {
    journeys(server, ['j-1']);
    okaylive(server, [() => HttpResponse.json(LIVE)]);
    const env = testEnvironment();
    env.analysis.face = faceAt({ x: 205, y: 240, width: 400, height: 500 });
    // Spread out like a real picture, but the face region far darker than the analysis read it.
    env.probe.planted.push({ ...GOOD_STILL, faceLuma: 20 });
    const h = harness({}, env);
    await h.autoCapture();
    expect(h.heard.captures[0]?.meta.stillRejected).toBe(1);
    // The region asked for is the inner face, as fractions of the 810x1080 crop.
    const region = env.probe.regions[0];
    expect(region?.x).toBeCloseTo((205 + 80) / 810, 5);
    expect(region?.height).toBeCloseTo(300 / 1080, 5);
    h.unmount();
  });

  it(`after ${STILL_ATTEMPTS} blank stills in a row the person is told (CAPTURE_BLANK), and nothing was sent`, async () => {
    const seen = okaylive(server, [() => HttpResponse.json(LIVE)]);
    const env = testEnvironment();
    env.probe.planted.push(...Array.from({ length: STILL_ATTEMPTS }, () => BLANK_STILL));
    const h = harness({}, env);
    await h.cameraOn();
    const failed = await until(h.session, (s) => s.status === 'error');
    expect(failed.error).toEqual({ code: 'CAPTURE_BLANK', source: 'capture', retryable: true });
    expect(failed.way).toBe('retake');
    expect(h.heard.errors.map((e) => e.code)).toEqual(['CAPTURE_BLANK']);
    expect(h.heard.captures).toHaveLength(0);
    expect(seen).toHaveLength(0);
    // A new selfie starts the count afresh.
    journeys(server, ['j-1']);
    h.session.retake();
    h.session.cameraStarted(fakeStream(), fakeFeed());
    await until(h.session, (s) => s.capture !== null);
    expect(h.heard.captures[0]?.meta.stillRejected).toBe(0);
    h.unmount();
  });

  it('manual capture takes the next frame by itself when its still is blank', async () => {
    const env = testEnvironment();
    env.analysis.readings = NO_FACE;
    env.probe.planted.push(BLANK_STILL);
    const h = harness({ autoCapture: false, autoSubmit: false }, env);
    await h.cameraOn();
    await h.session.captureNow();
    const done = await until(h.session, (s) => s.capture !== null);
    expect(done.capture?.meta).toMatchObject({ mode: 'manual', stillRejected: 1 });
    // Spread only: the analysed frame is not the frame drawn for a manual still.
    expect(env.probe.regions).toEqual([null, null]);
    h.unmount();
  });

  it('a photo whose encoding reads back blank is made again; blank every time, it is never sent', async () => {
    const seen = okaylive(server, [() => HttpResponse.json(LIVE)]);
    const env = testEnvironment();
    env.probe.planted.push(...Array.from({ length: STILL_ATTEMPTS }, () => BLANK_STILL));
    const h = harness({}, env);
    h.session.start();
    h.session.cameraFailed(Object.assign(new Error('no'), { name: 'NotFoundError' }));
    await h.session.choosePhoto(jpegBytes(5000));
    expect(h.session.getSnapshot()).toMatchObject({
      status: 'error',
      photoBusy: false,
      error: { code: 'CAPTURE_BLANK' },
    });
    expect(seen).toHaveLength(0);
    expect(env.probe.regions).toEqual([null, null, null]);
    h.unmount();
  });
});

describe('guidance that becomes unavailable is told to the host, and the flow goes on by hand', () => {
  const reasons: AnalysisFailure[] = ['NO_WORKER', 'NO_WASM', 'LOAD_FAILED', 'LOAD_TIMEOUT', 'WRONG_BACKEND'];

  it.each(reasons)(
    '%s: onError hears ANALYSIS_UNAVAILABLE once, with the reason and the fix; the camera stays usable',
    async (reason) => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const env = testEnvironment();
      const h = harness({ autoSubmit: false }, env);
      await h.cameraOn();
      env.analysis.become('unavailable', reason);
      const s = await until(h.session, (snap) => snap.notice !== null);
      expect(h.heard.errors).toEqual([
        {
          code: 'ANALYSIS_UNAVAILABLE',
          source: 'analysis',
          retryable: false,
          reason,
          detail: expect.stringContaining(ANALYSIS_FIXES[reason]),
        },
      ]);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining(reason));
      // A notification, not a failure: no error state, the capture button is offered.
      expect(s).toMatchObject({ status: 'ready', error: null, manualAvailable: true });
      await h.session.captureNow();
      const done = await until(h.session, (snap) => snap.capture !== null);
      expect(done.capture?.meta).toMatchObject({
        mode: 'manual',
        guidance: 'unavailable',
        analysisFailure: reason,
        stillRejected: 0,
      });
      expect(h.heard.errors).toHaveLength(1);
      h.unmount();
      warn.mockRestore();
    },
  );

  it("the analysis status has one writer: frames analysed after the loss do not wipe the snapshot's reason", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const env = testEnvironment();
    const h = harness({ autoCapture: false }, env);
    await h.cameraOn();
    env.analysis.become('unavailable', 'LOAD_TIMEOUT');
    await until(h.session, (snap) => snap.notice !== null);
    // Frames in flight (and any the loop still takes) publish their readings, not a status.
    const framesBefore = env.analysis.frames;
    await until(h.session, () => env.analysis.frames > framesBefore + 3);
    expect(h.session.getSnapshot().guidance).toMatchObject({
      analysis: 'unavailable',
      analysisFailure: 'LOAD_TIMEOUT',
    });
    h.unmount();
    warn.mockRestore();
  });

  it('unavailable before the camera starts (at mount) is told too', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const env = testEnvironment();
    env.analysis.become('unavailable', 'NO_WORKER');
    const h = harness({}, env);
    await until(h.session, (s) => s.notice !== null);
    expect(h.heard.errors.map((e) => [e.code, e.source])).toEqual([['ANALYSIS_UNAVAILABLE', 'analysis']]);
    expect(h.session.getSnapshot().status).toBe('idle');
    h.unmount();
    warn.mockRestore();
  });

  it('unmounting (the worker disposed) tells nothing', async () => {
    const h = harness();
    await h.cameraOn();
    h.unmount();
    expect(h.heard.errors).toEqual([]);
  });
});
