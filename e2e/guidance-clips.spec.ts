import { CLIP_HINTS } from './projects/guidance.ts';
import { expect, test } from './support/fixtures.ts';
import { expectCompliantSelfie } from './support/selfie.ts';

/** Which clip this project's fake camera plays: the project is `guidance-<clip>`. */
function clipOf(projectName: string): string {
  return projectName.replace(/^guidance-/, '');
}

test('the camera clip gets its hint, and only a compliant face is captured by itself', async ({
  page,
  uploads,
}, info) => {
  const clip = clipOf(info.project.name);
  const expected = CLIP_HINTS[clip];
  if (expected === undefined) throw new Error(`no expected hint for clip ${clip}`);
  await page.goto('/');
  const widget = page.locator('.okl-root');
  await page.getByRole('button', { name: 'Start camera' }).click();
  await expect(widget).toHaveAttribute('data-state', /ready|capturing|captured|submitting|result/);

  if (clip === 'compliant') {
    await expect(widget).toHaveAttribute('data-state', 'result', { timeout: 90_000 });
    const [upload, ...more] = await uploads();
    expect(more).toHaveLength(0);
    // The selfie itself: a portrait JPEG at the camera's full resolution, face large enough.
    await expectCompliantSelfie(upload?.parts.imageBest?.bytes);
    return;
  }

  const hint = widget.locator('.okl-hint');
  await expect(widget).toHaveAttribute('data-hint', expected, { timeout: 90_000 });
  await expect(hint).toHaveAttribute('data-code', expected);
  await expect(hint).not.toHaveText('');
  // Manual capture is offered after its timeout; by then many stable windows' worth of frames
  // were analysed, and none was captured.
  await expect(page.getByRole('button', { name: 'Take selfie' })).toBeVisible({ timeout: 30_000 });
  await expect(widget).toHaveAttribute('data-state', 'ready');
  await expect(widget).toHaveAttribute('data-hint', expected);
  expect(await uploads()).toHaveLength(0);

  if (clip === 'vga') {
    // Said once, then the best the camera can: a manual capture at its full (low) resolution.
    await expect(widget.locator('[data-note="LOW_RESOLUTION"]')).toHaveCount(1);
    await page.getByRole('button', { name: 'Take selfie' }).click();
    await expect(widget).toHaveAttribute('data-state', 'result', { timeout: 30_000 });
    const [upload] = await uploads();
    expect(upload?.jpeg).toEqual({ width: 360, height: 480 });
  }
});
