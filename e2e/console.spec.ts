import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { shoot } from './support/console-shots.ts';
import { installScriptedCamera, setScene } from './support/scripted-camera.ts';

/**
 * The demo page as an integrator's console: everything it shows comes from the
 * widget's public props, hooks and events. The scripted camera moves the face.
 */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

async function axe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const row = (page: Page, id: string) => page.locator(`.console-rules tr[data-rule="${id}"]`);
const reading = async (page: Page, id: string) =>
  Number.parseFloat((await row(page, id).locator('[data-field="value"]').textContent()) ?? '');

/** Where the overlay's face box centre is, as a share of the video element's on-screen box. */
async function faceOnPreview(page: Page): Promise<{ x: number; y: number }> {
  // Bounded, and "not drawn yet" is an answer rather than an error: this runs inside expect.poll.
  const video = await page
    .locator('.okl-video')
    .boundingBox({ timeout: 1000 })
    .catch(() => null);
  const face = await page
    .locator('.console-overlay-box')
    .boundingBox({ timeout: 1000 })
    .catch(() => null);
  if (!video || !face) return { x: Number.NaN, y: Number.NaN };
  return {
    x: (face.x + face.width / 2 - video.x) / video.width,
    y: (face.y + face.height / 2 - video.y) / video.height,
  };
}

test('live rule rows follow the face; the overlay sits on it in the mirrored preview; a check fills the request log', async ({
  page,
  uploads,
}, info) => {
  await installScriptedCamera(page, { scale: 1.4, fx: 0.5 }, { width: 1920, height: 1080, fps: 15 });
  await page.goto('/');
  await expect(page.locator('.demo-engine')).toHaveAttribute('data-engine', 'reference');
  await expect(page.locator('.demo-engine')).toContainText('local reference engine');
  await page.getByRole('button', { name: 'Start camera' }).click();

  // Far away: the size rows fail and the hint says so.
  await expect(page.locator('.console-hint')).toHaveAttribute('data-code', 'FACE_TOO_SMALL', { timeout: 90_000 });
  await expect(row(page, 'faceSide')).toHaveAttribute('data-pass', 'false');
  await expect(row(page, 'faceFound')).toHaveAttribute('data-pass', 'true');
  const far = await reading(page, 'faceSide');
  expect(far).toBeGreaterThan(50);

  // Closer, and left of centre in the camera frame.
  await setScene(page, { scale: 3.2, fx: 0.4 });
  await expect(page.locator('.console-hint')).toHaveAttribute('data-code', 'FACE_CLOSE_TO_BORDER');
  await expect(row(page, 'faceSide')).toHaveAttribute('data-pass', 'true');
  await expect(row(page, 'ovalOverflow')).toHaveAttribute('data-pass', 'false');
  expect(await reading(page, 'faceSide')).toBeGreaterThan(far * 1.8);
  await expect(row(page, 'cropHeight').locator('[data-field="value"]')).toHaveText('1080 px');

  // Camera x 0.4 of 1920 = 768; the crop starts at 555 and is 810 wide: 0.263 of the crop,
  // so 0.737 from the left on a mirrored preview. The overlay must draw the face there.
  const mirrored = 1 - (0.4 * 1920 - 555) / 810;
  await expect
    .poll(async () => Math.abs((await faceOnPreview(page)).x - mirrored), { timeout: 15_000 })
    .toBeLessThan(0.05);
  // The face centre of the still sits 0.46 down the frame; the crop is the full height.
  expect(Math.abs((await faceOnPreview(page)).y - 0.46)).toBeLessThan(0.08);
  await expect(page.locator('.console-overlay-eye')).toHaveCount(2);
  await shoot(page, 'console-guiding', info);
  expect(await axe(page)).toEqual([]);

  // What the person sees: the same widget with the overlay switched off.
  await page.getByRole('checkbox', { name: 'overlay' }).uncheck();
  await expect(page.locator('.okl-overlay')).toHaveCount(0);
  await shoot(page.locator('.console-phone'), 'widget-guiding', info);
  await page.getByRole('checkbox', { name: 'overlay' }).check();

  // Centred: guidance captures by itself and the widget sends the check.
  await setScene(page, { fx: 0.5 });
  const widget = page.locator('.okl-root');
  await expect(widget).toHaveAttribute('data-state', 'result', { timeout: 60_000 });

  const [upload] = await uploads();
  const check = page.locator('.console-exchange[data-url="/api/ekyc/okaylive"]');
  await expect(check.locator('[data-field="status"]')).toHaveText(`HTTP ${upload?.status ?? 'none'}`);
  await expect(check.locator('[data-field="latency"]')).toHaveText(/, \d+ ms/);
  await expect(check.locator('tr[data-part="imageBest"]')).toContainText('file selfie.jpg (image/jpeg), 810×1080 px');
  await expect(check.locator('tr[data-part="journeyId"]')).toContainText(upload?.parts.journeyId?.value ?? 'missing');
  await expect(check.locator('tr[data-part="imageBest"]')).toContainText(
    `${((upload?.parts.imageBest?.bytes?.length ?? 0) / 1024).toFixed(1)} KB`,
  );
  // The raw JSON is what the server answered, byte for byte (re-indented).
  expect(JSON.parse((await check.locator('[data-field="body"]').textContent()) ?? '')).toEqual(upload?.response);
  const body = upload?.response as { probability: number; quality: number };
  await expect(check.locator('.console-bar[data-field="probability"]')).toContainText(body.probability.toFixed(3));
  await expect(check.locator('.console-bar[data-field="quality"]')).toContainText(body.quality.toFixed(3));
  await expect(check.locator('[data-field="score"]')).toContainText('not a decision value');
  await expect(check.locator('.console-verdict')).toHaveAttribute(
    'data-outcome',
    (await widget.getAttribute('data-verdict')) ?? 'none',
  );
  await expect(page.locator('.console-exchange[data-url="/api/ekyc/journeyid"] [data-field="status"]')).toHaveText(
    'HTTP 200',
  );

  // The best frame as onCapture gave it, and where its crop sits in the camera frame.
  await expect(page.locator('.console-best-image')).toBeVisible();
  await expect(page.locator('[data-field="capture"]')).toContainText('810×1080 JPEG');
  await expect(page.locator('.console-crop figcaption')).toHaveText(
    'Camera frame 1920×1080; crop 810×1080 from x 555, y 0, sent as 810×1080',
  );
  await expect(page.locator('.console-timeline h2')).toHaveText('Stable window at capture');
  await expect(page.locator('.console-chart-bar').first()).toBeAttached();
  await expect(page.locator('.console-events li[data-event="onResult"]')).toHaveCount(1);

  await shoot(page, 'console-result', info, { fullPage: true });
  await shoot(page.locator('.console-phone'), 'widget-result', info);
  expect(await axe(page)).toEqual([]);
});

test('switches (Malay, dark, auto-submit off) drive the widget props; the mode never names the upstream', async ({
  page,
  uploads,
}, info) => {
  // A server that says too much: the console shows which engine, nothing else it was told.
  await page.route('**/api/ekyc/engine', (route) =>
    route.fulfill({
      json: { engine: 'okaylive', upstream: 'https://ekycportal.innov8tif.com', username: 'bank-user-4821' },
    }),
  );
  await installScriptedCamera(page, {}, { width: 1920, height: 1080, fps: 15 });
  await page.goto('/');
  await expect(page.locator('.demo-engine')).toHaveAttribute('data-engine', 'okaylive');
  await expect(page.locator('.demo-engine')).toContainText('upstream OkayLive');
  await expect(page.locator('body')).not.toContainText(/innov8tif\.com|bank-user/);

  await page.getByLabel('locale', { exact: true }).selectOption('ms');
  await page.getByLabel('theme', { exact: true }).selectOption('dark');
  await page.getByRole('checkbox', { name: 'autoSubmit' }).uncheck();
  // Requirement switches become the `requirements` prop: the rules panel shows the new limits.
  await page.getByRole('checkbox', { name: 'angles ≤ 10°' }).check();
  await page.getByRole('checkbox', { name: 'hold 1.5 s' }).check();
  await expect(page.locator('.console-requirements-json')).toContainText('"stableWindowMs":1500');
  const widget = page.locator('.okl-root');
  await expect(widget).toHaveAttribute('lang', 'ms');
  await expect(widget).toHaveAttribute('data-scheme', 'dark');
  await widget.getByRole('button', { name: 'Hidupkan kamera' }).click();
  await expect(row(page, 'yaw').locator('[data-in-limit]')).toContainText('≤ 10', { timeout: 30_000 });
  await expect(row(page, 'faceSide').locator('[data-in-limit]')).toContainText('≥ 224');
  // The angles back to the table's (this clip's pitch is not the point here); the hold stays.
  await page.getByRole('checkbox', { name: 'angles ≤ 10°' }).uncheck();
  await expect(row(page, 'yaw').locator('[data-in-limit]')).toContainText('≤ 20', { timeout: 30_000 });

  // The camera list comes from onCameraChange.
  await expect(
    page.getByLabel('camera', { exact: true }).locator('option', { hasText: 'Scripted camera' }),
  ).toHaveCount(1, { timeout: 30_000 });
  // Compliant at once: captured by itself, then handed to onCapture and nothing sent.
  await expect(widget).toHaveAttribute('data-state', 'captured', { timeout: 90_000 });
  await expect(page.locator('[data-field="capture"]')).toContainText('810×1080 JPEG');
  await expect(page.locator('[data-field="window"]')).toContainText('(1500 ms needed)');
  await expect(page.locator('.console-exchange[data-url="/api/ekyc/okaylive"]')).toHaveCount(0);
  expect(await uploads()).toEqual([]);
  await shoot(page, 'console-dark-ms', info);
  expect(await axe(page)).toEqual([]);
});

test('usable on laptop screens: widget and rules side by side, nothing wider than the window', async ({ page }) => {
  for (const viewport of [
    { width: 1280, height: 720 },
    { width: 1366, height: 768 },
  ]) {
    await page.setViewportSize(viewport);
    await page.goto('/');
    await expect(page.locator('.okl-root')).toHaveAttribute('data-state', 'idle');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    const phone = await page.locator('.console-phone').boundingBox();
    const rules = await page.locator('.console-rules').boundingBox();
    if (!phone || !rules) throw new Error('console not laid out');
    expect(rules.x).toBeGreaterThanOrEqual(phone.x + phone.width);
    expect(rules.y).toBeLessThan(viewport.height / 2);
  }
  expect(await axe(page)).toEqual([]);
});
