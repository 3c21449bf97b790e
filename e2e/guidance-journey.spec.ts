import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { expectCompliantSelfie } from './support/selfie.ts';
import { installScriptedCamera, setScene } from './support/scripted-camera.ts';

test('far → closer → centred: guided step by step, then captured by itself', async ({ page, uploads }) => {
  // 15 fps is plenty for guidance and spares the shared CPU the test runs on.
  await installScriptedCamera(page, { scale: 1.4, fx: 0.5 }, { width: 1920, height: 1080, fps: 15 });
  await page.goto('/');
  const widget = page.locator('.okl-root');
  await page.getByRole('button', { name: 'Start camera' }).click();

  // Far away.
  await expect(widget).toHaveAttribute('data-hint', 'FACE_TOO_SMALL', { timeout: 90_000 });
  await expect(widget.locator('.okl-hint')).toHaveText(/Move closer/);

  // Closer, but off to one side: left of centre in the camera image, so right of the oval in
  // the mirrored preview, and the person is asked to move to their left.
  await setScene(page, { scale: 3.2, fx: 0.4 });
  await expect(widget).toHaveAttribute('data-hint', 'FACE_CLOSE_TO_BORDER');
  await expect(widget).toHaveAttribute('data-hint-move', 'move-left');
  await expect(widget.locator('.okl-hint')).toHaveText(/Move a little to your left/);
  await expect(widget).toHaveAttribute('data-state', 'ready');

  // Centred in the oval: no button needed.
  await setScene(page, { fx: 0.5 });
  await expect(widget).toHaveAttribute('data-state', 'result', { timeout: 60_000 });

  const received = await uploads();
  expect(received).toHaveLength(1);
  // Scale 3.2 on the canvas: the face's mesh box is about 300 px, eyes about 140 px apart.
  await expectCompliantSelfie(received[0]?.parts.imageBest?.bytes);
});

/** What a browser does when the person switches tabs: `document.hidden` and a visibilitychange. */
async function setVisibility(page: Page, state: 'hidden' | 'visible'): Promise<void> {
  await page.evaluate((s) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => s });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => s === 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);
}

test('a hidden tab pauses the analysis: no frame analysed, nothing captured, until the person is back', async ({
  page,
  uploads,
}) => {
  await installScriptedCamera(page, { scale: 1.4, fx: 0.5 }, { width: 1920, height: 1080, fps: 15 });
  await page.goto('/');
  const widget = page.locator('.okl-root');
  await page.getByRole('button', { name: 'Start camera' }).click();
  await expect(widget).toHaveAttribute('data-hint', 'FACE_TOO_SMALL', { timeout: 90_000 });

  // The console's hint block shows the frame counter of the host's onGuidance snapshots.
  const frame = async () =>
    Number((await page.locator('.console-hint-block').textContent())?.match(/frame (\d+)/)?.[1]);
  await setVisibility(page, 'hidden');
  // A frame already in the worker may still land (a slow one on a busy machine): wait until
  // the counter stands still.
  let pausedAt = await frame();
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(1500);
    const now = await frame();
    if (now === pausedAt) break;
    pausedAt = now;
  }
  expect(pausedAt).toBeGreaterThan(0);
  // A compliant face while hidden: nothing is analysed, so nothing is captured.
  await setScene(page, { scale: 3.2, fx: 0.5 });
  await page.waitForTimeout(3000);
  expect(await frame()).toBe(pausedAt);
  await expect(widget).toHaveAttribute('data-state', 'ready');
  expect(await uploads()).toHaveLength(0);

  await setVisibility(page, 'visible');
  await expect(widget).toHaveAttribute('data-state', 'result', { timeout: 60_000 });
  expect(await frame()).toBeGreaterThan(pausedAt);
  expect(await uploads()).toHaveLength(1);
});
