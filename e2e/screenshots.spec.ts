import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import { reach, WIDGET_STATES, type WidgetState } from './support/widget-states.ts';

/**
 * Layout at a phone viewport (Pixel 7) and a desktop one, one project each (projects/embed.ts).
 *
 * Why no pixel baselines: the preview is a live camera, fonts and anti-aliasing differ between
 * machines, and guidance text changes with timing, so `toHaveScreenshot` would either flake or
 * need a tolerance so loose it proves little. Instead each test asserts the layout properties
 * that matter (nothing overflows, controls are inside the viewport and big enough to touch, the
 * camera goes full screen on a phone, the preview keeps the 3:4 of the uploaded crop) and writes
 * a screenshot to the test's output folder (test-results/…) for a person to look at.
 */

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Layout {
  viewport: { width: number; height: number };
  documentScrollWidth: number;
  root: Box & { fullscreen: boolean; dir: string };
  controls: (Box & { label: string })[];
  overflowing: string[];
  video: Box | null;
  oval: Box | null;
}

function measure(widget: Locator): Promise<Layout> {
  return widget.evaluate((root) => {
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const controls = [...root.querySelectorAll('button, select, label.okl-button')]
      .filter(visible)
      .map((el) => ({ ...box(el), label: el.textContent?.trim() ?? '' }));
    const overflowing = [...root.querySelectorAll('p, h2, h3, button, label, dt, dd, select')]
      .filter((el) => visible(el) && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'auto')
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    const video = root.querySelector('video');
    const oval = root.querySelector('.okl-oval');
    return {
      viewport: { width: window.innerWidth, height: window.innerHeight },
      documentScrollWidth: document.documentElement.scrollWidth,
      root: { ...box(root), fullscreen: root.hasAttribute('data-fullscreen'), dir: root.getAttribute('dir') ?? '' },
      controls,
      overflowing,
      video: video && visible(video) ? box(video) : null,
      oval: oval && visible(oval) ? box(oval) : null,
    };
  });
}

const phone = (info: TestInfo) => info.project.name.endsWith('phone');

/** Properties every state must have, at both sizes. */
function expectSoundLayout(layout: Layout): void {
  expect(layout.documentScrollWidth, 'the page scrolls sideways').toBeLessThanOrEqual(layout.viewport.width);
  expect(layout.overflowing, 'text spills out of its box').toEqual([]);
  for (const control of layout.controls) {
    expect(control.x, `${control.label} starts off screen`).toBeGreaterThanOrEqual(0);
    expect(control.x + control.width, `${control.label} ends off screen`).toBeLessThanOrEqual(
      layout.viewport.width + 0.5,
    );
    expect(control.x + control.width, `${control.label} sticks out of the widget`).toBeLessThanOrEqual(
      layout.root.x + layout.root.width + 0.5,
    );
    // WCAG 2.2 asks 24 px; 44 px is what fingers need, and what the styles give.
    expect(control.height, `${control.label} is too small to touch`).toBeGreaterThanOrEqual(44);
  }
}

/** The video and the oval are the portrait crop: exactly 3:4, inside the widget; on a full screen, wholly visible. */
function expectPortraitPreview(layout: Layout): void {
  for (const part of [layout.video, layout.oval]) {
    expect(part).not.toBeNull();
    if (!part) return;
    expect(part.width / part.height).toBeCloseTo(0.75, 2);
    expect(part.x).toBeGreaterThanOrEqual(layout.root.x);
    expect(part.x + part.width).toBeLessThanOrEqual(layout.root.x + layout.root.width + 0.5);
    if (layout.root.fullscreen) {
      expect(part.y).toBeGreaterThanOrEqual(0);
      expect(part.y + part.height).toBeLessThanOrEqual(layout.viewport.height + 0.5);
    }
  }
}

async function shoot(page: Page, info: TestInfo, name: string): Promise<void> {
  const path = info.outputPath(`${info.project.name}-${name.replace(/[^\w-]+/g, '-')}.png`);
  await page.screenshot({ path, animations: 'disabled' });
  await info.attach(name, { path, contentType: 'image/png' });
}

const SHOWN = [
  'idle',
  'guiding',
  'submitting',
  'verdict live',
  'verdict retake (eyes closed)',
  'error: camera denied',
  'error: rate limited',
];
const states = SHOWN.map((name) => WIDGET_STATES.find((s) => s.name === name)).filter(
  (s): s is WidgetState => s !== undefined,
);

for (const target of states) {
  test(`layout: ${target.name}`, async ({ page }, info) => {
    const widget = await reach(page, target);
    const layout = await measure(widget);
    await shoot(page, info, target.name);
    expectSoundLayout(layout);
    if (target.state === 'ready') {
      expectPortraitPreview(layout);
      // What iOS Safari needs to show a camera inline: playsinline (no forced full-screen player), muted, autoplay.
      const video = await widget.locator('video').evaluate((v: HTMLVideoElement) => ({
        inline: v.hasAttribute('playsinline'),
        muted: v.muted,
        autoplay: v.autoplay,
        playing: !v.paused,
      }));
      expect(video).toEqual({ inline: true, muted: true, autoplay: true, playing: true });
      if (phone(info)) {
        // The camera takes the whole phone screen, portrait.
        expect(layout.root.fullscreen).toBe(true);
        expect(layout.root).toMatchObject({ x: 0, y: 0, width: layout.viewport.width, height: layout.viewport.height });
        expect(layout.video?.width ?? 0).toBeGreaterThan(layout.viewport.width * 0.8);
      } else {
        expect(layout.root.fullscreen).toBe(false);
        expect(layout.root.width).toBeLessThanOrEqual(420);
      }
    } else {
      expect(layout.root.fullscreen).toBe(false);
    }
  });
}

const LONG = 'Selbstverständlichkeitsüberprüfungsaufnahmevorgangsbestätigung';
const ARABIC = {
  'widget.title': 'التحقق من الصورة الذاتية',
  'widget.intro': 'سنلتقط صورة ذاتية للتأكد من أنك أنت حقًا. الإضاءة الجيدة تساعد.',
  'action.start': 'تشغيل الكاميرا',
  'action.cancel': 'إلغاء',
  'action.capture': 'التقاط صورة ذاتية',
};

test('long strings and right-to-left text keep the layout', async ({ page }, info) => {
  await page.goto('/onboarding.html');
  const host = page.locator('okaylive-capture');
  await host.evaluate(
    (el, messages) => {
      Object.assign(el, { messages });
      el.setAttribute('auto-capture', 'false');
      el.setAttribute('manual-capture-after-ms', '0');
    },
    {
      'widget.title': `${LONG} ${LONG}`,
      'widget.intro': `${LONG}${LONG}${LONG} ${'very long sentence '.repeat(12)}`,
      'action.start': `${LONG} ${LONG}`,
      'action.cancel': LONG,
      'action.capture': `${LONG} ${LONG}`,
      'hint.FACE_NOT_FOUND': `${LONG}${LONG}`,
    },
  );
  const widget = host.locator('.okl-root');
  await expect(widget.locator('.okl-title')).toContainText(LONG);
  await shoot(page, info, 'long strings');
  expectSoundLayout(await measure(widget));
  await widget.locator('.okl-idle .okl-button').click();
  await expect(widget).toHaveAttribute('data-state', 'ready');
  await shoot(page, info, 'long strings camera');
  const camera = await measure(widget);
  expectSoundLayout(camera);
  expectPortraitPreview(camera);

  // A right-to-left language the package does not ship, supplied by the host.
  await widget.locator('.okl-cancel').click();
  await host.evaluate((el, messages) => {
    Object.assign(el, { messages });
    el.setAttribute('locale', 'ar');
  }, ARABIC);
  await expect(widget).toHaveAttribute('dir', 'rtl');
  await expect(widget).toHaveAttribute('lang', 'ar');
  await shoot(page, info, 'right to left');
  const rtl = await measure(widget);
  expectSoundLayout(rtl);
  // Mirrored: the Cancel action sits at the inline end, which is the left in RTL.
  const cancel = rtl.controls.find((c) => c.label === 'إلغاء');
  const start = rtl.controls.find((c) => c.label === 'تشغيل الكاميرا');
  expect(cancel && cancel.x < rtl.root.x + rtl.root.width / 2).toBe(true);
  expect(start).toBeDefined();
});
