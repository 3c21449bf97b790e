import { join } from 'node:path';
import { expect, test as base, type Page } from '@playwright/test';
import { run } from './app.ts';
import { prepareNextApp, type NextApp } from './next-app.ts';
import { startProcess } from './process.ts';
import { watch } from './watch.ts';

/**
 * The package inside Next.js (App Router): `next build` then `next start`, with Turbopack
 * (Next's default) and with webpack, and a check completed with the compliant clip. Guidance
 * must have run: the bundled worker address Next makes (`file:///_next/static/media/…`) cannot
 * start a worker, so the page passes `workerUrl` with the copy `npx okaylive-assets` made, and a
 * manual capture (guidance unavailable) fails the test.
 */

const ports = () => ({ app: Number(process.env.E2E_PORT ?? 5199) + 22 });

const test = base.extend<object, { nextApp: NextApp }>({
  nextApp: [
    async ({}, use) => {
      const app = await prepareNextApp();
      for (const step of app.steps) console.log(`${step.command}: ${step.seconds.toFixed(1)} s`);
      await use(app);
    },
    { scope: 'worker', timeout: 700_000 },
  ],
});

test.describe.configure({ mode: 'serial' });

/** A check with the compliant clip that guidance must have captured; the worker from the copied folder. */
async function guidedCheck(page: Page, url: string, workerFile: string): Promise<void> {
  const { problems, loaded } = watch(page);
  await page.goto(url);
  const widget = page.locator('.okl-root');
  await expect(widget).toHaveAttribute('data-state', 'idle');
  await widget.getByRole('button', { name: 'Start camera' }).click();
  await expect(widget).toHaveAttribute('data-state', 'result', { timeout: 90_000 });
  // Captured by guidance, not by hand: the metadata the host's onCapture received.
  const meta: unknown = JSON.parse((await page.locator('#capture-meta').textContent({ timeout: 5_000 })) ?? 'null');
  expect(meta, url).toMatchObject({ mode: 'auto', guidance: 'ready', stillRejected: 0 });
  expect(meta, url).not.toHaveProperty('analysisFailure');
  await expect(page.locator('#errors')).toHaveText('');
  await expect(page.getByRole('link', { name: 'Continue' })).toBeVisible({
    visible: (await widget.getAttribute('data-verdict')) === 'live',
  });
  // The worker came from the copied folder (Next's own address for it is file:///_next/…), and the models too.
  expect(loaded, url).toContain(`/okaylive-assets/${workerFile}`);
  expect(
    new Set(loaded.filter((path) => /^\/okaylive-assets\/(blazeface|landmarks68)\.[0-9a-f]+\.(json|bin)$/.test(path)))
      .size,
  ).toBe(4);
  expect(problems, url).toEqual([]);
}

for (const [bundler, flags] of [
  ['Turbopack', []],
  ['webpack', ['--webpack']],
] as const) {
  test(`Next.js with ${bundler}: next build, next start, and guided checks complete with workerUrl and without`, async ({
    page,
    nextApp,
  }) => {
    test.setTimeout(600_000);
    const next = join(nextApp.dir, 'node_modules', '.bin', 'next');
    const started = Date.now();
    const build = await run(next, ['build', ...flags], nextApp.dir, 480_000, { NEXT_TELEMETRY_DISABLED: '1' });
    expect(build.code, build.output.slice(-6000)).toBe(0);
    console.log(`next build (${bundler}): ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const { app } = ports();
    const server = await startProcess(next, ['start', '-p', String(app), '-H', 'localhost'], {
      cwd: nextApp.dir,
      env: { NEXT_TELEMETRY_DISABLED: '1' },
      ready: /Ready in|✓ Ready/,
      timeoutMs: 60_000,
    });
    try {
      // With the prop, and without it (the copy under assetsBaseUrl is found by itself).
      await guidedCheck(page, `http://localhost:${app}/`, nextApp.workerFile);
      // A page of its own: nothing cached from the first.
      const fresh = await page.context().browser()?.newPage();
      if (!fresh) throw new Error('no browser for a second page');
      try {
        await guidedCheck(fresh, `http://localhost:${app}/default`, nextApp.workerFile);
      } finally {
        await fresh.close();
      }
    } finally {
      await server.stop();
    }
  });
}
