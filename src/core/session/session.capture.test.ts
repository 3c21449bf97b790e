import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  COMPLIANT,
  fakeAnalysis,
  fakeFeed,
  fakeStream,
  FAR,
  jpegBytes,
  NO_FACE,
  testEnvironment,
} from './testing/fakes.ts';
import { BASE, harness, journeys, LIVE, okaylive, until } from './testing/harness.ts';

/** Guidance, automatic and manual capture, and the photo fallback. */

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
afterEach(() => server.resetHandlers());

describe('guidance and automatic capture', () => {
  it('a compliant face is captured by itself, sent, and the verdict arrives: each told to the host once', async () => {
    journeys(server, ['j-1']);
    const seen = okaylive(server, [() => HttpResponse.json(LIVE)]);
    const h = harness();
    await h.autoCapture();
    const done = await until(h.session, (s) => s.status === 'result');
    expect(h.heard.states).toEqual([
      'idle',
      'camera_starting',
      'ready',
      'capturing',
      'captured',
      'submitting',
      'result',
    ]);
    expect(h.heard.captures).toHaveLength(1);
    expect(h.heard.captures[0]?.meta).toMatchObject({
      mode: 'auto',
      width: 810,
      height: 1080,
      failures: [],
      camera: { width: 1920, height: 1080, label: 'Front camera' },
    });
    expect(h.heard.results).toEqual([done.verdict]);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.journeyId).toBe('j-1');
    h.unmount();
  });

  it('a face too far away gets one hint and is never captured; moving closer captures it', async () => {
    journeys(server, ['j-1']);
    okaylive(server, [() => HttpResponse.json(LIVE)]);
    const env = testEnvironment();
    env.analysis.readings = FAR;
    const h = harness({}, env);
    await h.cameraOn();
    const hinted = await until(h.session, (s) => s.hint !== null);
    expect(hinted.hint).toBe('FACE_TOO_SMALL');
    expect(hinted.guidance.hint).toEqual({ code: 'FACE_TOO_SMALL', row: 'faceSide' });
    const framesBefore = env.analysis.frames;
    await until(h.session, () => env.analysis.frames > framesBefore + 10);
    expect(h.session.getSnapshot().capture).toBeNull();
    env.analysis.readings = COMPLIANT;
    await until(h.session, (s) => s.status === 'result');
    expect(h.heard.captures).toHaveLength(1);
    h.unmount();
  });

  it('guides from the detector alone while the mesh loads, and captures only once the mesh has read the rest', async () => {
    journeys(server, ['j-1']);
    okaylive(server, [() => HttpResponse.json(LIVE)]);
    const analysis = fakeAnalysis('loading');
    const env = testEnvironment({ analysis });
    analysis.readings = { ...FAR, yaw: null, pitch: null, roll: null, eyeOpenness: null, meshConfidence: null };
    analysis.pending = ['yaw', 'pitch', 'roll', 'eyeOpenness', 'meshConfidence'];
    const h = harness({}, env);
    await h.cameraOn();
    analysis.become('detector');
    // The first hint comes from the detector alone: the mesh is not needed to say "closer".
    const hinted = await until(h.session, (s) => s.hint !== null);
    expect(hinted.hint).toBe('FACE_TOO_SMALL');
    expect(hinted.guidance).toMatchObject({ stage: 'detector', analysis: 'loading' });
    // Closer: nothing left to fix that the detector sees, yet no capture while angles are pending.
    analysis.readings = { ...COMPLIANT, yaw: null, pitch: null, roll: null, eyeOpenness: null, meshConfidence: null };
    const waiting = await until(h.session, (s) => s.hint === null && s.guidance.pending.length > 0);
    expect(waiting.guidance.pending).toEqual(['yaw', 'pitch', 'roll']);
    const framesBefore = analysis.frames;
    await until(h.session, () => analysis.frames > framesBefore + 10);
    expect(h.session.getSnapshot().capture).toBeNull();
    // The mesh arrives: every reading is there, and the face is captured by itself.
    analysis.pending = [];
    analysis.readings = COMPLIANT;
    analysis.become('ready');
    await until(h.session, (s) => s.status === 'result');
    expect(h.heard.captures).toHaveLength(1);
    h.unmount();
  });

  it('a detector-only frame never holds a row the mesh then reads between target and limit', async () => {
    const analysis = fakeAnalysis('loading');
    const h = harness({ autoSubmit: false }, testEnvironment({ analysis }));
    await h.cameraOn();
    // The detector's estimate puts the face inside the oval...
    analysis.readings = { ...COMPLIANT, yaw: null, pitch: null, roll: null, eyeOpenness: null, meshConfidence: null };
    analysis.pending = ['yaw', 'pitch', 'roll', 'eyeOpenness', 'meshConfidence'];
    analysis.become('detector');
    await until(h.session, (s) => s.guidance.frame > 3);
    // ...the mesh reads it reaching out past the target (not the limit): that must not pass.
    analysis.pending = [];
    analysis.readings = { ...COMPLIANT, ovalOverflow: 0.1 };
    analysis.become('ready');
    const hinted = await until(h.session, (s) => s.hint !== null);
    expect(hinted.hint).toBe('FACE_CLOSE_TO_BORDER');
    const frames = analysis.frames;
    await until(h.session, () => analysis.frames > frames + 10);
    expect(h.heard.captures).toEqual([]);
    h.unmount();
  });

  it('autoSubmit off: captured and handed to the host, nothing sent', async () => {
    const h = harness({ autoSubmit: false });
    await h.autoCapture();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(h.session.getSnapshot().status).toBe('captured');
    expect(h.heard.captures).toHaveLength(1);
    h.unmount();
  });

  it('loading analysis is started at mount (preloaded) unless the host turns it off', () => {
    let created = 0;
    const env = { ...testEnvironment(), createAnalysis: () => (created++, fakeAnalysis('loading')) };
    harness({}, env).unmount();
    expect(created).toBe(1);
    const lazy = harness({ preloadAnalysis: false }, env);
    expect(created).toBe(1);
    lazy.session.start();
    expect(created).toBe(2);
    lazy.unmount();
  });
});

describe('manual capture', () => {
  it('offered after manualCaptureAfterMs without an automatic capture, and takes the current frame', async () => {
    journeys(server, ['j-1']);
    okaylive(server, [() => HttpResponse.json(LIVE)]);
    const env = testEnvironment();
    env.analysis.readings = NO_FACE;
    const h = harness({ manualCaptureAfterMs: 50, autoSubmit: false }, env);
    await h.cameraOn();
    expect(h.session.getSnapshot().manualAvailable).toBe(false);
    await until(h.session, (s) => s.manualAvailable);
    await h.session.captureNow();
    const s = h.session.getSnapshot();
    expect(s.status).toBe('captured');
    expect(h.heard.captures[0]?.meta).toMatchObject({
      mode: 'manual',
      failures: expect.arrayContaining(['FACE_NOT_FOUND']),
    });
    h.unmount();
  });

  it('offered at once with auto-capture off, or when analysis is unavailable', async () => {
    const off = harness({ autoCapture: false });
    await off.cameraOn();
    expect(off.session.getSnapshot().manualAvailable).toBe(true);
    off.unmount();

    const env = testEnvironment({ analysis: fakeAnalysis('unavailable') });
    const h = harness({}, env);
    await h.cameraOn();
    expect(h.session.getSnapshot().manualAvailable).toBe(true);
    expect(h.session.getSnapshot().guidance.analysis).toBe('unavailable');
    h.unmount();
  });

  it('before the first video frame it waits for one; with none it goes back to the camera', async () => {
    const h = harness({ autoCapture: false });
    h.session.start();
    h.session.cameraStarted(fakeStream(), fakeFeed({ blank: true }));
    await h.session.captureNow();
    expect(h.session.getSnapshot().status).toBe('ready');
    expect(h.heard.captures).toEqual([]);
    h.unmount();
  });

  it('a press while the preview has not shown its first frame waits for it', async () => {
    const h = harness({ autoCapture: false, autoSubmit: false });
    h.session.start();
    const feed = fakeFeed();
    const shown = feed.still;
    let frames = 0;
    feed.nextFrame = () => new Promise<void>((resolve) => setTimeout(() => resolve(void (frames += 1)), 1));
    feed.still = () => (frames < 2 ? null : shown());
    h.session.cameraStarted(fakeStream(), feed);
    await h.session.captureNow();
    expect(h.session.getSnapshot().status).toBe('captured');
    expect(h.heard.captures).toHaveLength(1);
    h.unmount();
  });

  it('a new stream for the preview during a manual capture does not drop the press', async () => {
    const h = harness({ autoCapture: false, autoSubmit: false });
    await h.cameraOn();
    const pressed = h.session.captureNow();
    h.session.cameraStarted(fakeStream(), fakeFeed());
    await pressed;
    expect(h.session.getSnapshot().status).toBe('captured');
    expect(h.heard.captures).toHaveLength(1);
    h.unmount();
  });

  it('a double press takes one selfie', async () => {
    const h = harness({ autoCapture: false, autoSubmit: false });
    await h.cameraOn();
    await Promise.all([h.session.captureNow(), h.session.captureNow()]);
    expect(h.heard.captures).toHaveLength(1);
    h.unmount();
  });
});

describe('the photo fallback', () => {
  async function deniedCamera(env = testEnvironment()) {
    const h = harness({}, env);
    h.session.start();
    h.session.cameraFailed(Object.assign(new Error('no'), { name: 'NotFoundError' }));
    return h;
  }

  it('a good photo goes through the same rules, is sent, and gets a verdict', async () => {
    journeys(server, ['j-1']);
    const seen = okaylive(server, [() => HttpResponse.json(LIVE)]);
    const h = await deniedCamera();
    await h.session.choosePhoto(jpegBytes(5000));
    await until(h.session, (s) => s.status === 'result');
    expect(h.heard.captures[0]?.meta).toMatchObject({ mode: 'file', camera: null, failures: [] });
    expect(seen).toHaveLength(1);
    h.unmount();
  });

  it('a photo that fails a rule is refused before any upload, saying which rule', async () => {
    const env = testEnvironment();
    env.analysis.still = NO_FACE;
    const h = await deniedCamera(env);
    await h.session.choosePhoto(jpegBytes(5000));
    const s = h.session.getSnapshot();
    expect(s.error).toEqual({ code: 'FILE_REJECTED', source: 'capture', retryable: false, reason: 'FACE_NOT_FOUND' });
    expect(s.hint).toBe('FACE_NOT_FOUND');
    expect(s.photoBusy).toBe(false);
    expect(h.heard.captures).toEqual([]);
    h.unmount();
  });

  it('a file that is not a photo is said to be unreadable', async () => {
    const h = await deniedCamera();
    await h.session.choosePhoto(new Blob(['hello'], { type: 'text/plain' }));
    expect(h.session.getSnapshot().error?.code).toBe('FILE_UNREADABLE');
    h.unmount();
  });

  it('the camera is not asked for while a photo is read', async () => {
    server.use(http.post(`${BASE}/journeyid`, () => HttpResponse.json({ status: 'success', journeyId: 'j' })));
    okaylive(server, [() => HttpResponse.json(LIVE)]);
    const h = await deniedCamera();
    const reading = h.session.choosePhoto(jpegBytes(5000));
    expect(h.session.getSnapshot()).toMatchObject({ status: 'capturing', photoBusy: true, cameraOn: false });
    await reading;
    h.unmount();
  });
});

describe('lifecycle', () => {
  it('mount, unmount, mount again (a strict-mode double mount) works as one mount', async () => {
    const h = harness({ autoStart: true, autoCapture: false });
    expect(h.session.getSnapshot().status).toBe('camera_starting');
    h.unmount();
    expect(h.session.getSnapshot().status).toBe('idle');
    const again = h.session.mount();
    expect(h.session.getSnapshot().status).toBe('camera_starting');
    h.session.cameraStarted(fakeStream(), fakeFeed());
    expect(h.session.getSnapshot().status).toBe('ready');
    again();
  });

  it('the worker is given back after a verdict and a cancel, and made again by the next start', async () => {
    journeys(server, ['j-1', 'j-2']);
    okaylive(server, [() => HttpResponse.json(LIVE)]);
    const env = testEnvironment();
    let made = 0;
    const create = env.createAnalysis;
    env.createAnalysis = (o) => {
      made += 1;
      return create(o);
    };
    const h = harness({}, env);
    expect(made).toBe(1);
    await h.autoCapture();
    await until(h.session, (s) => s.status === 'result');
    expect(env.analysis.dispose).toHaveBeenCalledTimes(1);
    h.session.retake();
    h.session.cameraStarted(fakeStream(), fakeFeed());
    await until(h.session, (s) => s.status === 'ready');
    expect(made).toBe(2);
    h.session.cancel();
    expect(env.analysis.dispose).toHaveBeenCalledTimes(2);
    h.unmount();
  });
});
