import { expect, test } from './support/fixtures.ts';

test('capture, upload and verdict through the reference engine', async ({ page, uploads }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await expect(page.locator('.demo-engine')).toContainText('local reference engine');
  const widget = page.locator('.okl-root');
  await expect(widget).toHaveAttribute('data-state', 'idle');

  await page.getByRole('button', { name: 'Start camera' }).click();
  await expect(widget).toHaveAttribute('data-state', 'ready');
  const video = widget.locator('video');
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth, undefined, { timeout: 1000 }).catch(() => 0))
    .toBe(1920);
  // The preview is mirrored, as a person expects of a selfie camera.
  await expect(video).toHaveCSS('transform', 'matrix(-1, 0, 0, 1, 0, 0)');

  // The compliant clip needs no button: guidance captures the best frame by itself (loading
  // face analysis on a busy 2-core machine can take a while: an upper bound, not a target).
  await expect(widget).toHaveAttribute('data-state', 'result', { timeout: 120_000 });
  await expect(widget).toHaveAttribute('data-verdict', /^(live|not_live|retake)$/);
  await expect(widget.locator('img.okl-thumbnail')).toBeVisible();
  await expect(widget.locator('[data-field="probability"]')).toHaveText(/^\d\.\d{3}$/);
  await expect(widget.locator('[data-field="quality"]')).toHaveText(/^\d\.\d{3}$/);

  // What the server received: one real multipart upload, a full-resolution portrait JPEG.
  const received = await uploads();
  expect(received).toHaveLength(1);
  const [upload] = received;
  expect(upload?.status).toBe(200);
  expect(upload?.parts.imageBest?.filename).toBe('selfie.jpg');
  expect(upload?.parts.imageBest?.contentType).toBe('image/jpeg');
  expect(upload?.parts.journeyId?.value).toMatch(/^[0-9a-f-]{36}$/);
  expect(upload?.jpeg).toEqual({ width: 810, height: 1080 });
  const body = upload?.response as { probability: number; quality: number };
  await expect(widget.locator('[data-field="probability"]')).toHaveText(body.probability.toFixed(3));
  await expect(widget.locator('[data-field="quality"]')).toHaveText(body.quality.toFixed(3));
});
