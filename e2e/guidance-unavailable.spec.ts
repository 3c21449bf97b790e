import { expect, test } from './support/fixtures.ts';

/** Run by the guidance-compliant project only: one clip is enough to show the fallback. */
test('without the face model, guidance says it is unavailable and manual capture works at once', async ({
  page,
  context,
  uploads,
}) => {
  await context.route('**/okaylive-assets/landmarks68.bin', (route) =>
    route.fulfill({ status: 404, body: 'not here' }),
  );
  await page.goto('/');
  const widget = page.locator('.okl-root');
  await page.getByRole('button', { name: 'Start camera' }).click();
  await expect(widget.locator('.okl-hint')).toHaveText(/guidance is unavailable/, { timeout: 60_000 });
  await expect(widget).toHaveAttribute('data-hint', '');
  // The host hears it once (onError), with the reason and the fix; the flow goes on.
  const told = page.locator('.console-events li[data-event="onError"]');
  await expect(told).toHaveCount(1);
  await expect(told).toContainText('"code":"ANALYSIS_UNAVAILABLE"');
  await expect(told).toContainText('"reason":"LOAD_FAILED"');
  await expect(told).toContainText('assetsBaseUrl');
  await expect(widget).toHaveAttribute('data-state', 'ready');
  await page.getByRole('button', { name: 'Take selfie' }).click();
  await expect(widget).toHaveAttribute('data-state', 'result', { timeout: 30_000 });
  const [upload] = await uploads();
  expect(upload?.jpeg).toEqual({ width: 810, height: 1080 });
  await expect(page.locator('.console-events li[data-event="onCapture"]')).toContainText(
    'manual, guidance unavailable (LOAD_FAILED)',
  );
  await expect(page.locator('.console-events li[data-event="onError"]')).toHaveCount(1);
});

test('a wrong assets-base-url on the element reaches the page as an okaylive-error event, and the flow goes on', async ({
  page,
}) => {
  // The page as a host would get it wrong: the attribute points where no models are.
  await page.route('**/onboarding.html', async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace(
      '<okaylive-capture ',
      '<okaylive-capture assets-base-url="/nowhere/" ',
    );
    await route.fulfill({ response, body });
  });
  await page.addInitScript(() => {
    const heard: unknown[] = [];
    (window as unknown as { __heard: unknown[] }).__heard = heard;
    document.addEventListener('okaylive-error', (event) => heard.push((event as CustomEvent<unknown>).detail));
  });
  await page.goto('/onboarding.html');
  await expect(page.locator('okaylive-capture')).toHaveAttribute('assets-base-url', '/nowhere/');
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __heard: unknown[] }).__heard), { timeout: 60_000 })
    .toEqual([
      expect.objectContaining({
        code: 'ANALYSIS_UNAVAILABLE',
        source: 'analysis',
        reason: 'LOAD_FAILED',
        detail: expect.stringContaining('assetsBaseUrl'),
      }),
    ]);
  // A notification only: the person starts the camera and is offered the capture button at once.
  const widget = page.locator('okaylive-capture .okl-root');
  await widget.getByRole('button', { name: 'Start camera' }).click();
  await expect(widget).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(widget).toHaveAttribute('data-guidance', 'unavailable');
  await expect(widget.getByRole('button', { name: 'Take selfie' })).toBeVisible();
});
