import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeDevices, fakeFeed, fakePermissions, fakeStream, FakeTrack, testEnvironment } from './testing/fakes.ts';
import { harness, until } from './testing/harness.ts';

/** Every camera fault, from asking to unplugging, and the camera choice: no browser needed. */

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
afterEach(() => server.resetHandlers());

const dom = (name: string) => Object.assign(new Error('mock camera fault'), { name });

describe('asking for the camera', () => {
  it('start asks for 1080p of the front camera, and a stream makes the camera ready', async () => {
    const h = harness({ autoCapture: false });
    expect(h.session.getSnapshot().cameraOn).toBe(false);
    h.session.start();
    const starting = h.session.getSnapshot();
    expect(starting.status).toBe('camera_starting');
    expect(starting.cameraOn).toBe(true);
    expect(starting.camera.constraints).toEqual({
      width: { ideal: 1920 },
      height: { ideal: 1080 },
      facingMode: 'user',
    });
    h.session.cameraStarted(fakeStream(), fakeFeed());
    expect(h.session.getSnapshot().status).toBe('ready');
    expect(h.heard.states).toEqual(['idle', 'camera_starting', 'ready']);
    h.unmount();
  });

  it.each([
    ['CAMERA_INSECURE_CONTEXT', 'none'],
    ['CAMERA_UNSUPPORTED', 'none'],
  ] as const)('%s is known before asking: never asks, says so, offers a photo', (code, way) => {
    const h = harness({}, testEnvironment({ precondition: code }));
    h.session.start();
    const s = h.session.getSnapshot();
    expect(s.status).toBe('error');
    expect(s.cameraOn).toBe(false);
    expect(s.error).toEqual({ code, source: 'camera', retryable: false });
    expect(s.way).toBe(way);
    h.unmount();
  });

  it.each([
    ['NotAllowedError', 'CAMERA_DENIED', 'camera'],
    ['NotFoundError', 'CAMERA_NOT_FOUND', 'camera'],
    ['NotReadableError', 'CAMERA_IN_USE', 'camera'],
  ] as const)('%s → %s, and "Try again" asks again', async (name, code, way) => {
    const h = harness();
    h.session.start();
    h.session.cameraFailed(dom(name));
    const failed = h.session.getSnapshot();
    expect(failed.error).toEqual({ code, source: 'camera', retryable: true });
    expect(failed.way).toBe(way);
    expect(h.heard.errors).toEqual([failed.error]);
    h.session.retake();
    expect(h.session.getSnapshot().status).toBe('camera_starting');
    h.session.cameraStarted(fakeStream(), fakeFeed());
    expect(h.session.getSnapshot().status).toBe('ready');
    h.unmount();
  });

  it('constraints it cannot meet: lower rungs of the ladder, without bothering the person', () => {
    const h = harness();
    h.session.start();
    const asked = [h.session.getSnapshot().camera.constraints];
    for (let i = 0; i < 3; i++) {
      h.session.cameraFailed(dom('OverconstrainedError'));
      asked.push(h.session.getSnapshot().camera.constraints);
    }
    expect(h.session.getSnapshot().status).toBe('camera_starting');
    expect(asked.at(-1)).toEqual({});
    expect(new Set(asked.map((c) => JSON.stringify(c))).size).toBe(4);
    // The last rung ("any camera") refused too: a message, and the ladder starts over next time.
    h.session.cameraFailed(dom('OverconstrainedError'));
    expect(h.session.getSnapshot().error?.code).toBe('CAMERA_CONSTRAINTS');
    h.session.retake();
    expect(h.session.getSnapshot().camera.constraints).toEqual(asked[0]);
    h.unmount();
  });

  it('a camera allowed in the browser settings after a refusal is asked for again by itself', async () => {
    const permissions = fakePermissions();
    const h = harness({}, testEnvironment({ permissions }));
    h.session.start();
    h.session.cameraFailed(dom('NotAllowedError'));
    await Promise.resolve();
    permissions.grant();
    expect(h.session.getSnapshot().status).toBe('camera_starting');
    h.unmount();
  });
});

describe('a camera that stops', () => {
  it('unplugged mid-session: pause with "reconnect", then carry on', async () => {
    const h = harness({ autoCapture: false });
    const stream = await h.cameraOn();
    stream.track.unplug();
    const paused = h.session.getSnapshot();
    expect(paused.error?.code).toBe('CAMERA_ENDED');
    expect(paused.way).toBe('reconnect');
    h.session.retake();
    h.session.cameraStarted(fakeStream(), fakeFeed());
    expect(h.session.getSnapshot().status).toBe('ready');
    h.unmount();
  });

  it('every track stops when the step is left, and a stream arriving late is stopped at once', async () => {
    const h = harness({ autoCapture: false });
    const stream = await h.cameraOn();
    h.session.cancel();
    expect(stream.track.stopped).toBe(true);
    const late = fakeStream();
    h.session.cameraStarted(late, fakeFeed());
    expect(late.track.stopped).toBe(true);
    expect(h.session.getSnapshot().status).toBe('idle');
    h.unmount();
  });

  it('unmount turns the camera off', async () => {
    const h = harness({ autoCapture: false });
    const stream = await h.cameraOn();
    h.unmount();
    expect(stream.track.stopped).toBe(true);
  });
});

describe('which camera', () => {
  const laptop = () =>
    new FakeDevices([
      { kind: 'videoinput', deviceId: 'ir', label: 'Integrated IR Camera' },
      { kind: 'videoinput', deviceId: 'rgb', label: 'Integrated Camera' },
      { kind: 'videoinput', deviceId: 'obs', label: 'OBS Virtual Camera' },
    ]);

  it("the browser's IR default is swapped for the colour camera once labels are readable; nothing is remembered", async () => {
    const env = testEnvironment({ devices: laptop() });
    const h = harness({ autoCapture: false, rememberCamera: true }, env);
    h.session.start();
    h.session.cameraStarted(fakeStream(new FakeTrack('Integrated IR Camera', 'ir')), fakeFeed());
    const switching = await until(h.session, (s) => s.status === 'camera_starting');
    expect(switching.camera.constraints.deviceId).toEqual({ exact: 'rgb' });
    expect(env.storage?.getItem('okaylive.cameraDeviceId')).toBeNull();
    h.session.cameraStarted(fakeStream(new FakeTrack('Integrated Camera', 'rgb')), fakeFeed());
    const running = await until(h.session, (s) => s.camera.active?.deviceId === 'rgb');
    expect(running.camera.cameras.map((c) => c.label)).toEqual([
      'Integrated IR Camera',
      'Integrated Camera',
      'OBS Virtual Camera',
    ]);
    h.unmount();
  });

  it('the person picks a camera: it restarts on it, it is remembered, and never corrected', async () => {
    const env = testEnvironment({ devices: laptop() });
    const h = harness({ autoCapture: false, rememberCamera: true }, env);
    h.session.start();
    h.session.cameraStarted(fakeStream(new FakeTrack('Integrated Camera', 'rgb')), fakeFeed());
    await until(h.session, (s) => s.camera.cameras.length === 3);
    h.session.selectCamera('obs');
    expect(h.session.getSnapshot().status).toBe('camera_starting');
    expect(h.session.getSnapshot().camera.constraints.deviceId).toEqual({ exact: 'obs' });
    expect(env.storage?.getItem('okaylive.cameraDeviceId')).toBe('obs');
    h.session.cameraStarted(fakeStream(new FakeTrack('OBS Virtual Camera', 'obs')), fakeFeed());
    await until(h.session, (s) => s.camera.active?.deviceId === 'obs');
    expect(h.session.getSnapshot().status).toBe('ready');
    h.unmount();
  });

  it('a remembered camera is asked for first on the next visit', () => {
    const env = testEnvironment();
    env.storage?.setItem('okaylive.cameraDeviceId', 'usb');
    const h = harness({ rememberCamera: true }, env);
    expect(h.session.getSnapshot().camera.constraints.deviceId).toEqual({ exact: 'usb' });
    h.unmount();
  });

  it('tells the host the cameras it sees, once per change', async () => {
    const devices = new FakeDevices();
    const h = harness({}, testEnvironment({ devices }));
    expect(h.heard.cameras).toEqual([{ cameras: [], active: undefined }]);
    devices.dispatchEvent(new Event('devicechange'));
    await until(h.session, (s) => s.camera.cameras.length === 1);
    devices.dispatchEvent(new Event('devicechange'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(h.heard.cameras).toHaveLength(2);
    devices.devices.push({ kind: 'videoinput', deviceId: 'obs', label: 'OBS Virtual Camera' });
    devices.dispatchEvent(new Event('devicechange'));
    await until(h.session, (s) => s.camera.cameras.length === 2);
    expect(h.heard.cameras).toHaveLength(3);
    expect(h.heard.cameras[2]?.cameras.find((c) => c.deviceId === 'obs')?.virtual).toBe(true);
    h.unmount();
  });
});
