import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { reach, videoPlaying, WIDGET_STATES } from './support/widget-states.ts';

/**
 * WCAG 2.2 AA, checked by axe in every state the widget can be brought into (the table in
 * support/widget-states.ts: adding a state there adds it here), on the plain-HTML onboarding
 * page, so the widget is checked inside its shadow root and together with a host page.
 */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

for (const target of WIDGET_STATES) {
  test(`axe: ${target.name}`, async ({ page }) => {
    // Reaching a verdict loads the models and runs axe over the whole page: slow on two shared cores.
    test.slow();
    const widget = await reach(page, target);
    const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    const summary = results.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
    expect(summary, `state ${await widget.getAttribute('data-state')}`).toEqual([]);
  });
}

test('axe sees inside the shadow root (a planted fault is reported)', async ({ page }) => {
  await page.goto('/onboarding.html');
  await expect(page.locator('okaylive-capture .okl-root')).toHaveAttribute('data-state', 'idle');
  await page.locator('okaylive-capture').evaluate((host) => {
    const img = document.createElement('img');
    img.src = '/no-such-image.png';
    host.shadowRoot?.querySelector('.okl-idle')?.append(img);
  });
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(results.violations.map((v) => v.id)).toContain('image-alt');
});

/** The focused element inside the widget's shadow root, described by its class and text. */
const focused = (page: Page) =>
  page
    .locator('okaylive-capture')
    .evaluate(
      (host) => {
        const active = host.shadowRoot?.activeElement;
        return active
          ? `${active.tagName.toLowerCase()}.${[...active.classList].join('.')}: ${active.textContent?.trim() ?? ''}`
          : 'outside';
      },
      undefined,
      // Bounded (it is polled); a slow answer reads as "not there yet".
      { timeout: 1000 },
    )
    .catch(() => 'unknown');

test('keyboard only: start, capture, result, retake; focus follows each new view', async ({ page }) => {
  const notLive = { status: 'success', messageCode: 'api.success', probability: 0.07, score: -2.5, quality: 0.8 };
  await page.route('**/api/ekyc/journeyid', (route) =>
    route.fulfill({ json: { status: 'success', journeyId: '0b3f5c2a-8d1e-4c6a-9f70-3a2b1c0d9e8f' } }),
  );
  await page.route('**/api/ekyc/okaylive', (route) => route.fulfill({ json: notLive }));
  await page.goto('/onboarding.html');
  const host = page.locator('okaylive-capture');
  await host.evaluate((el) => {
    el.setAttribute('auto-capture', 'false');
    el.setAttribute('manual-capture-after-ms', '0');
  });
  const widget = host.locator('.okl-root');

  // Tab from the language picker enters the widget: Cancel (in its header), then Start.
  await page.locator('#bank-language').focus();
  await page.keyboard.press('Tab');
  expect(await focused(page)).toMatch(/^button\..*okl-cancel: Cancel$/);
  await page.keyboard.press('Tab');
  expect(await focused(page)).toMatch(/^button\..*Start camera$/);
  await page.keyboard.press('Enter');
  await expect(widget).toHaveAttribute('data-state', 'ready');
  // The start button is gone: focus moved to the capture button, not lost to <body>.
  await expect.poll(() => focused(page)).toMatch(/^button\..*okl-capture.*Take selfie$/);
  await videoPlaying(widget);
  await page.keyboard.press('Enter');
  await expect(widget).toHaveAttribute('data-state', 'result');
  await expect.poll(() => focused(page)).toMatch(/^h3\.okl-result-title: .*could not confirm/);
  await page.keyboard.press('Tab');
  expect(await focused(page)).toMatch(/Take a new selfie$/);
  await page.keyboard.press('Enter');
  await expect(widget).toHaveAttribute('data-state', 'ready');
  await expect.poll(() => focused(page)).toMatch(/Take selfie$/);
  // Cancel is reachable by keyboard; the button stays (the host decides what follows), and so does focus.
  await widget.getByRole('button', { name: 'Cancel' }).focus();
  await page.keyboard.press('Enter');
  await expect(widget).toHaveAttribute('data-state', 'idle');
  expect(await focused(page)).toMatch(/okl-cancel: Cancel$/);
  await page.keyboard.press('Tab');
  expect(await focused(page)).toMatch(/Start camera$/);
});

test('focus is never taken from the host page', async ({ page }) => {
  await page.goto('/onboarding.html');
  await page.locator('okaylive-capture').evaluate((el) => el.setAttribute('auto-capture', 'false'));
  await page.locator('#bank-language').focus();
  // The page starts the camera itself (e.g. auto-start): the widget changes state while focus is elsewhere.
  await page
    .locator('okaylive-capture')
    .evaluate((el) => el.shadowRoot?.querySelector<HTMLButtonElement>('.okl-idle .okl-button')?.click());
  await expect(page.locator('okaylive-capture .okl-root')).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('#bank-language')).toBeFocused();
});

test('hints and states are announced politely, errors as alerts', async ({ page }) => {
  await page.goto('/onboarding.html');
  await page.locator('okaylive-capture').evaluate((el) => el.setAttribute('auto-capture', 'false'));
  const widget = page.locator('okaylive-capture .okl-root');
  await expect(widget.locator('.okl-status')).toHaveAttribute('aria-live', 'polite');
  await widget.getByRole('button', { name: 'Start camera' }).click();
  await expect(widget).toHaveAttribute('data-state', 'ready');
  const hint = widget.locator('.okl-hint');
  await expect(hint).toHaveAttribute('aria-live', 'polite');
  // The hint is words with an icon beside them, never colour alone.
  await expect(hint).not.toHaveText(/^\s*$/);
});

test('reduced motion: nothing animates, and nothing anywhere could flash', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.route('**/api/ekyc/journeyid', (route) =>
    route.fulfill({ json: { status: 'success', journeyId: '0b3f5c2a-8d1e-4c6a-9f70-3a2b1c0d9e8f' } }),
  );
  await page.route('**/api/ekyc/okaylive', () => undefined);
  await page.goto('/onboarding.html');
  const widget = page.locator('okaylive-capture .okl-root');
  await widget.getByRole('button', { name: 'Start camera' }).click();
  await expect(widget).toHaveAttribute('data-state', 'submitting', { timeout: 45_000 });
  const moving = await page.locator('okaylive-capture').evaluate((host) =>
    [...(host.shadowRoot?.querySelectorAll('*') ?? [])]
      .map((el) => ({ el, style: getComputedStyle(el) }))
      .filter(
        ({ style }) =>
          style.animationName !== 'none' ||
          (style.transitionDuration !== '0s' &&
            style.transitionProperty !== 'none' &&
            style.transitionProperty !== 'all'),
      )
      .map(({ el }) => el.className),
  );
  expect(moving).toEqual([]);
});
