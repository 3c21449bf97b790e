import { expect, test } from './support/fixtures.ts';
import {
  captures,
  errorOf,
  fixturePhoto,
  goodPhoto,
  installCamera,
  recordStates,
  states,
  takeSelfie,
} from './support/faults.ts';

/** Camera faults: each has its own message and its own way forward. */

/** Waits that include the server or face analysis (model loading) on a shared 2-core machine. */
const SLOW = { timeout: 60_000 };
/** The camera is running (or guidance already took the selfie from it). */
const CAMERA_ON = /^(ready|capturing|captured|submitting|result)$/;

test.beforeEach(async ({ page }) => {
  // Flows that capture wait for guidance on a shared 2-core machine.
  test.setTimeout(150_000);
  await recordStates(page);
});

test('permission denied: says how to re-allow it in this browser, and "Try again" reaches the camera', async ({
  page,
}) => {
  await installCamera(page, { reject: 'NotAllowedError' });
  await page.goto('/');
  await page.getByRole('button', { name: 'Start camera' }).click();
  const widget = page.locator('.okl-root');
  await expect(widget).toHaveAttribute('data-state', 'error');
  await expect(errorOf(widget)).toHaveAttribute('data-error', 'CAMERA_DENIED');
  await expect(widget.getByRole('alert')).toContainText('Allow the camera for this site');
  await expect(widget.locator('[data-browser]')).toHaveAttribute('data-browser', 'chrome');
  await expect(widget.locator('[data-browser]')).toContainText('In Chrome: click the camera icon');
  await expect(widget.locator('input[type=file][accept="image/*"][capture=user]')).toHaveCount(1);

  await page.evaluate(() => (window as unknown as { __camera: { fix(): void } }).__camera.fix());
  await widget.getByRole('button', { name: 'Try again' }).click();
  await expect(widget).toHaveAttribute('data-state', CAMERA_ON, SLOW);
});

test('an unanswered permission prompt: after a while the person is told what the browser waits for', async ({
  page,
}) => {
  await installCamera(page, { pending: true });
  await page.goto('/');
  await page.getByRole('button', { name: 'Start camera' }).click();
  const widget = page.locator('.okl-root');
  await expect(widget).toHaveAttribute('data-state', 'camera_starting');
  await expect(widget.locator('.okl-status')).toContainText('If your browser asks for permission, choose Allow');
  await page.evaluate(() => (window as unknown as { __camera: { fix(): void } }).__camera.fix());
  await expect(widget).toHaveAttribute('data-state', CAMERA_ON, SLOW);
  await expect(widget.locator('.okl-status')).not.toContainText('If your browser asks for permission');
});

test.describe('permission help follows the browser', () => {
  test.use({
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  });
  test('on an iPhone it points to Website Settings', async ({ page }) => {
    await installCamera(page, { reject: 'NotAllowedError' });
    await page.goto('/');
    await page.getByRole('button', { name: 'Start camera' }).click();
    const help = page.locator('.okl-root [data-browser]');
    await expect(help).toHaveAttribute('data-browser', 'ios');
    await expect(help).toContainText('Website Settings > Camera > Allow');
  });
});

test('no camera: says so, and the photo fallback takes the person to a verdict', async ({ page, uploads }) => {
  await installCamera(page, { reject: 'NotFoundError' });
  await page.goto('/');
  await page.getByRole('button', { name: 'Start camera' }).click();
  const widget = page.locator('.okl-root');
  await expect(errorOf(widget)).toHaveAttribute('data-error', 'CAMERA_NOT_FOUND');
  await expect(widget.getByRole('alert')).toContainText('No camera was found');
  await expect(widget.getByText('Use a photo instead')).toBeVisible();

  await widget.locator('input[type=file]').setInputFiles(await goodPhoto());
  await expect(widget).toHaveAttribute('data-state', 'result', SLOW);
  await expect(widget).toHaveAttribute('data-verdict', /^(live|not_live|retake)$/);
  const sent = await uploads();
  expect(sent).toHaveLength(1);
  expect(sent[0]?.jpeg).toEqual({ width: 810, height: 1080 });
  expect(await captures(page)).toBe(1);
});

test('constraints not satisfiable: falls back to lower constraints without bothering the person', async ({ page }) => {
  await installCamera(page, { overconstrained: 'until-any' });
  await page.goto('/');
  await page.getByRole('button', { name: 'Start camera' }).click();
  const widget = page.locator('.okl-root');
  await expect(widget).toHaveAttribute('data-state', CAMERA_ON, SLOW);
  const calls = await page.evaluate(() =>
    (window as unknown as { __camera: { calls: Array<{ video: unknown }> } }).__camera.calls.map((c) => c.video),
  );
  expect(calls[0]).toMatchObject({ width: { ideal: 1920 }, height: { ideal: 1080 } });
  expect(calls[calls.length - 1]).toEqual({});
  expect(calls.length).toBeGreaterThanOrEqual(4);
  expect(await states(page)).not.toContain('error');
});

test('the camera track ends mid-session: pause, "Reconnect camera", carry on to a verdict', async ({
  page,
  uploads,
}) => {
  // A camera with nothing to capture, so the unplug always finds it live; the real camera after reconnecting.
  await installCamera(page, { blank: true });
  await page.goto('/');
  await page.getByRole('button', { name: 'Start camera' }).click();
  const widget = page.locator('.okl-root');
  await expect(widget).toHaveAttribute('data-state', 'ready', SLOW);
  // Unplugged: the track ends on its own (stop() alone fires no event, so the test fires it as the browser would).
  await page.evaluate(() => {
    const camera = (window as unknown as { __camera: { streams: MediaStream[]; fix(): void } }).__camera;
    camera.fix();
    for (const stream of camera.streams) {
      for (const track of stream.getVideoTracks()) {
        track.stop();
        track.dispatchEvent(new Event('ended'));
      }
    }
  });
  await expect(errorOf(widget)).toHaveAttribute('data-error', 'CAMERA_ENDED');
  await expect(widget.getByRole('alert')).toContainText('The camera stopped');
  await widget.getByRole('button', { name: 'Reconnect camera' }).click();
  await takeSelfie(page, { start: false });
  await expect(widget).toHaveAttribute('data-state', 'result', SLOW);
  expect(await uploads()).toHaveLength(1);
});

test('insecure context (http off localhost): says https is needed, never asks for the camera, offers a photo', async ({
  page,
}) => {
  await installCamera(page, { insecure: true });
  await page.goto('/');
  await page.getByRole('button', { name: 'Start camera' }).click();
  const widget = page.locator('.okl-root');
  await expect(errorOf(widget)).toHaveAttribute('data-error', 'CAMERA_INSECURE_CONTEXT');
  await expect(widget.getByRole('alert')).toContainText('secure (https) page');
  await expect(widget.getByRole('button', { name: 'Try again' })).toHaveCount(0);
  await expect(widget.getByText('Use a photo instead')).toBeVisible();
});

test('in a frame the page does not let use the camera: says the site must fix it, never asks, offers a photo', async ({
  page,
}) => {
  await page.goto('/e2e/faults-host.html');
  // The same widget inside a frame whose embedding forbids the camera (as a missing allow="camera" does cross-origin).
  await page.setContent(
    `<iframe title="selfie" src="/e2e/faults-host.html" allow="camera 'none'" style="width:480px;height:720px"></iframe>`,
  );
  const frame = page.frameLocator('iframe[title="selfie"]');
  const widget = frame.locator('.okl-root');
  await frame.getByRole('button', { name: 'Start camera' }).click();
  await expect(errorOf(widget)).toHaveAttribute('data-error', 'CAMERA_BLOCKED_BY_PAGE');
  await expect(errorOf(widget)).toHaveAttribute('data-way', 'none');
  await expect(widget.getByRole('alert')).toContainText('The website has to fix this');
  await expect(widget.locator('input[type=file]')).toHaveCount(1);
});

test('no getUserMedia at all: says the browser cannot use a camera, offers a photo', async ({ page }) => {
  await installCamera(page, { missing: true });
  await page.goto('/');
  await page.getByRole('button', { name: 'Start camera' }).click();
  const widget = page.locator('.okl-root');
  await expect(errorOf(widget)).toHaveAttribute('data-error', 'CAMERA_UNSUPPORTED');
  await expect(widget.getByRole('alert')).toContainText('cannot use the camera');
  await expect(widget.getByText('Use a photo instead')).toBeVisible();
});

test('a host can turn the photo fallback off', async ({ page }) => {
  await installCamera(page, { reject: 'NotFoundError' });
  await page.goto('/e2e/faults-host.html?photoFallback=off');
  await page.getByRole('button', { name: 'Start camera' }).click();
  const widget = page.locator('.okl-root');
  await expect(errorOf(widget)).toHaveAttribute('data-error', 'CAMERA_NOT_FOUND');
  await expect(widget.getByRole('button', { name: 'Try again' })).toBeVisible();
  await expect(widget.locator('input[type=file]')).toHaveCount(0);
});

test('the photo fallback runs the requirement rules before any upload', async ({ page, uploads }) => {
  await installCamera(page, { reject: 'NotFoundError' });
  await page.goto('/');
  await page.getByRole('button', { name: 'Start camera' }).click();
  const widget = page.locator('.okl-root');
  const input = widget.locator('input[type=file]');

  await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') });
  await expect(errorOf(widget)).toHaveAttribute('data-error', 'FILE_UNREADABLE');

  await input.setInputFiles(fixturePhoto('chelsea.png'));
  await expect(errorOf(widget)).toHaveAttribute('data-error', 'FILE_REJECTED', SLOW);
  await expect(widget).toHaveAttribute('data-hint', 'FACE_NOT_FOUND');
  await expect(widget.getByRole('alert')).toContainText('This photo cannot be used. Place your face in the oval');
  expect(await uploads()).toHaveLength(0);

  await widget.locator('input[type=file]').setInputFiles(await goodPhoto());
  await expect(widget).toHaveAttribute('data-state', 'result', SLOW);
  expect(await uploads()).toHaveLength(1);
});

test('unmount stops every camera track (the camera light goes off)', async ({ page }) => {
  // A camera with nothing to capture: it is certainly still on when the host unmounts the widget.
  await installCamera(page, { blank: true });
  await page.goto('/e2e/faults-host.html');
  await page.getByRole('button', { name: 'Start camera' }).click();
  await expect(page.locator('.okl-root')).toHaveAttribute('data-state', 'ready', SLOW);
  const live = () =>
    page.evaluate(() =>
      (window as unknown as { __camera: { streams: MediaStream[] } }).__camera.streams
        .flatMap((s) => s.getTracks())
        .map((t) => t.readyState),
    );
  expect(await live()).toContain('live');
  await page.getByRole('button', { name: 'Unmount widget' }).click();
  await expect(page.locator('.okl-root')).toHaveCount(0);
  await expect.poll(live).not.toContain('live');
  expect((await live()).every((s) => s === 'ended')).toBe(true);
});
