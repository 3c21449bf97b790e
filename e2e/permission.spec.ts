import { expect, test } from '@playwright/test';

test('a refused camera permission explains how to allow it', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Start camera' }).click();
  const widget = page.locator('.okl-root');
  await expect(widget).toHaveAttribute('data-state', 'error');
  await expect(widget.locator('[data-error]')).toHaveAttribute('data-error', 'CAMERA_DENIED');
  await expect(widget.getByRole('alert')).toContainText('Allow the camera for this site');
  await expect(widget.getByRole('button', { name: 'Try again' })).toBeVisible();
});
