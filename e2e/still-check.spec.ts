import sharp from 'sharp';
import { expect, test } from './support/fixtures.ts';
import { expectCompliantSelfie } from './support/selfie.ts';

/**
 * What was judged is what is sent. Run by the guidance-compliant project: the first
 * full-size still the page encodes is made black (as WebKitGTK once produced under load), and
 * it must never reach the server; the next compliant frame does, and the capture counts the one
 * refused.
 */
test('a still that encodes black is never uploaded: the next compliant frame is, and the metadata counts it', async ({
  page,
  uploads,
}) => {
  await page.addInitScript(() => {
    const encode = OffscreenCanvas.prototype.convertToBlob;
    const planted = window as unknown as { __blanked: number };
    planted.__blanked = 0;
    OffscreenCanvas.prototype.convertToBlob = function (this: OffscreenCanvas, options?: ImageEncodeOptions) {
      // The selfie's canvas only (the still check's own canvas is 48x64 and never encoded).
      if (planted.__blanked === 0 && this.height >= 800) {
        planted.__blanked += 1;
        const ctx = this.getContext('2d');
        if (ctx) {
          ctx.fillStyle = '#000';
          ctx.fillRect(0, 0, this.width, this.height);
        }
      }
      return encode.call(this, options);
    };
  });
  await page.goto('/');
  const widget = page.locator('.okl-root');
  await page.getByRole('button', { name: 'Start camera' }).click();
  await expect(widget).toHaveAttribute('data-state', 'result', { timeout: 120_000 });
  expect(await page.evaluate(() => (window as unknown as { __blanked: number }).__blanked)).toBe(1);

  const [upload, ...more] = await uploads();
  expect(more).toHaveLength(0);
  const bytes = upload?.parts.imageBest?.bytes;
  await expectCompliantSelfie(bytes);
  // Not flat: the black still would have a spread of 0.
  const { channels } = await sharp(bytes).stats();
  expect(channels[0]?.stdev ?? 0).toBeGreaterThan(10);

  const captured = page.locator('.console-events li[data-event="onCapture"]');
  await expect(captured).toHaveCount(1);
  await expect(captured).toContainText('auto, guidance ready, stills refused 1');
});
