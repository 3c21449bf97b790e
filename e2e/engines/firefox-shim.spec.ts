import { expect, test } from '@playwright/test';
import { readEngines } from './availability.ts';
import { SHIMMED_COMMAND, shim } from './firefox-bidi-shim.ts';

/**
 * The canary of firefox-bidi-shim.ts. It fails, saying what to do, when Firefox ESR learns the
 * command (the shim can go), when Playwright stops sending it (the shim is dead code), or when
 * the shim is no longer enough for a context to work.
 */
test.skip('missing' in readEngines().firefox && !process.env.CI, 'Firefox ESR is not installed here');

test('the Firefox BiDi shim is still needed, still used, and still enough', async ({ browser, baseURL }) => {
  const version = `Playwright's Firefox channel with Firefox ${browser.version()}`;
  shim.active = false;
  try {
    await expect(
      browser.newContext(),
      `${version} now accepts ${SHIMMED_COMMAND}: delete e2e/engines/firefox-bidi-shim.ts and this test`,
    ).rejects.toThrow(/emulation\.setMediaFeaturesOverride\): unknown command/);
  } finally {
    shim.active = true;
  }

  const answered = shim.answered;
  const context = await browser.newContext({ baseURL }).catch((error: unknown) => {
    throw new Error(
      `${version}: a context fails even with the shim; Firefox lacks more than ${SHIMMED_COMMAND} now (${String(error)})`,
    );
  });
  try {
    expect(
      shim.answered,
      `Playwright no longer sends ${SHIMMED_COMMAND}: the shim is dead code, delete it`,
    ).toBeGreaterThan(answered);
    // Everything else works as usual: a page, a script, the widget.
    const page = await context.newPage();
    await page.goto('/e2e/engines/pages/capture.html');
    await expect(page.locator('okaylive-capture .okl-root')).toHaveAttribute('data-state', 'idle');
  } finally {
    await context.close();
  }
});
