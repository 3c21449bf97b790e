import type { CDPSession, Page } from '@playwright/test';
import { rendererRss } from './bench/memory.ts';
import { expect, test } from './support/fixtures.ts';

/**
 * Memory is given back. Run by the guidance-compliant project: the widget is mounted with its
 * camera and guidance running (auto-capture off, so it keeps guiding) and unmounted, 20 times;
 * every unmount ends its worker, and the page's JavaScript memory (heap and the buffers it
 * holds) comes back to within 20 MB of where the first unmount left it, and no unmounted
 * widget's preview <video> survives a garbage collection: one that does keeps its player and
 * the camera frames in it, which the page's JavaScript memory does not show (several MB per
 * cycle in the renderer's resident memory; see docs/performance.md). The resident memory is
 * printed, not asserted: it moves with allocator caches the page cannot control.
 */
/** CYCLES=n to look further (the trail of resident memory is printed). */
const CYCLES = Number(process.env.CYCLES ?? 20);
const MiB = 1024 * 1024;

interface Handle {
  unmount(): void;
}
declare global {
  interface Window {
    __mounted?: Handle | null;
    __previews?: Array<WeakRef<HTMLVideoElement>>;
  }
}

async function heapBytes(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
  return usage.usedSize + (usage.backingStorageSize ?? 0);
}

async function mountGuiding(page: Page): Promise<void> {
  await page.evaluate(() => {
    const target = document.createElement('div');
    target.id = 'mounted';
    document.body.append(target);
    const api = (window as unknown as { OkayLive: { mount: (el: Element, o: object) => Handle } }).OkayLive;
    window.__mounted = api.mount(target, { autoStart: true, autoCapture: false, autoSubmit: false, locale: 'en' });
  });
  // Guidance has analysed frames: the worker, its models and the camera are all in use.
  await expect(page.locator('#mounted .okl-root')).toHaveAttribute('data-analysis-ms', /\d+/, { timeout: 90_000 });
  await page.evaluate(() => {
    const video = document.getElementById('mounted')?.shadowRoot?.querySelector('video');
    if (video) (window.__previews ??= []).push(new WeakRef(video));
  });
}

async function unmount(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.__mounted?.unmount();
    window.__mounted = null;
    document.getElementById('mounted')?.remove();
  });
  await expect
    .poll(() => page.workers().length, { timeout: 15_000, message: 'the worker ends with the widget' })
    .toBe(0);
}

test(`mounted and unmounted ${CYCLES} times, the widget gives its memory back`, async ({ page, browser }) => {
  test.setTimeout(600_000);
  await page.goto('/onboarding.html');
  await page.waitForFunction(() => 'OkayLive' in window, null, { timeout: 30_000 });
  // The page's own element preloads a worker too; this test counts only its own widgets.
  await page.evaluate(() => document.querySelector('okaylive-capture')?.remove());
  await expect.poll(() => page.workers().length, { timeout: 15_000 }).toBe(0);
  const cdp = await page.context().newCDPSession(page);
  const browserCdp = await browser.newBrowserCDPSession();
  const rss = async () => `${Math.round(await rendererRss(browserCdp))} MB`;

  await mountGuiding(page);
  await unmount(page);
  const first = await heapBytes(cdp);
  const firstRss = await rss();
  const heaps: number[] = [];
  const rssTrail: string[] = [];
  for (let i = 1; i < CYCLES; i++) {
    await mountGuiding(page);
    await unmount(page);
    heaps.push(await heapBytes(cdp));
    rssTrail.push(await rss());
  }
  console.log(`resident after each cycle: ${rssTrail.join(', ')}`);
  const last = heaps.at(-1) ?? Number.NaN;
  console.log(
    `page memory (JS heap and buffers) after the first of ${CYCLES} mount/unmount cycles ${(first / MiB).toFixed(1)} MB, after the last ${(last / MiB).toFixed(1)} MB ` +
      `(highest ${(Math.max(...heaps) / MiB).toFixed(1)} MB); renderer resident ${firstRss} then ${await rss()}`,
  );
  const beforePressure = await rss();
  await cdp.send('Memory.simulatePressureNotification', { level: 'critical' });
  await page.waitForTimeout(2000);
  console.log(`renderer resident after a critical memory-pressure signal: ${beforePressure} → ${await rss()}`);
  expect(last - first).toBeLessThanOrEqual(20 * MiB);
  await heapBytes(cdp);
  const previews = await page.evaluate(() => ({
    alive: (window.__previews ?? []).filter((r) => r.deref()).length,
    all: window.__previews?.length ?? 0,
  }));
  expect(previews.all, 'every mount had a preview').toBe(CYCLES);
  expect(previews.alive, 'unmounted previews still alive after a garbage collection').toBe(0);
});
