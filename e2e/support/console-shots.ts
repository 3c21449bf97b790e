import type { Locator, Page, TestInfo } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Screenshots for the integration guide, taken by the console tests at the moments they have
 * just checked: into the test's output folder normally, into OKL_SCREENSHOTS_DIR when
 * `npm run screenshots` refreshes docs/screenshots/.
 */
export async function shoot(
  target: Page | Locator,
  name: string,
  info: TestInfo,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  const dir = process.env.OKL_SCREENSHOTS_DIR;
  const path = dir ? join(dir, `${name}.png`) : info.outputPath(`${name}.png`);
  if (dir) mkdirSync(dir, { recursive: true });
  // The camera keeps moving; nothing else on the page animates.
  await target.screenshot({
    path,
    animations: 'disabled',
    ...(options.fullPage && 'goto' in target ? { fullPage: true } : {}),
  });
}
