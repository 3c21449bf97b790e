import type { Page, Request, Route } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { captures, errorOf, imageOf, recordStates, states, takeSelfie } from './support/faults.ts';
import type { Upload } from './support/uploads.ts';

/**
 * Network and API faults. The first okaylive request meets the fault (route
 * interception); "Try again" then goes through to the real reference engine. Every test
 * checks that the verdict came from the same capture: one pass through `capturing`, and the
 * bytes that reached the server are the bytes of the failed attempt.
 */

type Reply = { status: number; body: string; contentType: string; headers?: Record<string, string> };
const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({
  status,
  body: JSON.stringify(body),
  contentType: 'application/json',
  ...(headers ? { headers } : {}),
});
const html = (status: number, body: string): Reply => ({ status, body, contentType: 'text/html' });

interface Script {
  /** Every okaylive request the page made, including those that never reached the server. */
  seen: Request[];
  /** The request held by a 'hold' step, to release or abort later. */
  held: () => Route;
}

/** okaylive answers: one step per request, then through to the server. */
async function okaylive(page: Page, steps: Array<Reply | 'hold'>): Promise<Script> {
  const seen: Request[] = [];
  let held: Route | null = null;
  await page.route('**/api/ekyc/okaylive', async (route) => {
    seen.push(route.request());
    const step = steps[seen.length - 1];
    if (step === undefined) return route.continue();
    if (step === 'hold') {
      held = route;
      return undefined;
    }
    return route.fulfill({
      status: step.status,
      body: step.body,
      contentType: step.contentType,
      ...(step.headers ? { headers: step.headers } : {}),
    });
  });
  return {
    seen,
    held: () => {
      if (!held) throw new Error('nothing held');
      return held;
    },
  };
}

async function sameImage(failed: Request | undefined, upload: Upload | undefined): Promise<boolean> {
  if (!failed || !upload?.parts.imageBest?.bytes) return false;
  return (await imageOf(failed)).equals(upload.parts.imageBest.bytes);
}

/** Waits that include the server, model loading or guidance on a shared 2-core machine. */
const SLOW = { timeout: 60_000 };

/** Stops the page's fake clock where it is: from here on only fastForward moves time. */
async function freeze(page: Page): Promise<void> {
  // The page's time keeps flowing while this call travels: aim a little ahead, again if overtaken.
  for (let ahead = 200; ; ahead *= 2) {
    const now = await page.evaluate(() => Date.now());
    const paused = await page.clock.pauseAt(now + ahead).then(
      () => true,
      (error: Error) => {
        if (!/past/.test(error.message) || ahead > 60_000) throw error;
        return false;
      },
    );
    if (paused) return;
  }
}

/** Takes a selfie on the demo and holds its okaylive request: the answer comes when the test says. */
async function captureThenHold(page: Page): Promise<Script> {
  const script = await okaylive(page, ['hold']);
  await page.goto('/');
  await takeSelfie(page);
  await expect.poll(() => script.seen.length, SLOW).toBe(1);
  return script;
}

test.beforeEach(async ({ page }) => {
  test.setTimeout(150_000);
  await recordStates(page);
});

/** A transient fault, its message, "Try again" (double-clicked), and the verdict from the same image. */
async function recovers(
  page: Page,
  uploads: () => Promise<Upload[]>,
  fault: Reply,
  code: string,
  text: string | RegExp,
) {
  const script = await okaylive(page, [fault]);
  await page.goto('/');
  await takeSelfie(page);
  const widget = page.locator('.okl-root');
  await expect(errorOf(widget)).toHaveAttribute('data-error', code, SLOW);
  await expect(widget.getByRole('alert')).toContainText(text);
  await expect(widget.getByRole('alert')).toContainText('Your selfie is kept');
  await widget.getByRole('button', { name: 'Try again' }).dblclick();
  await expect(widget).toHaveAttribute('data-state', 'result', SLOW);
  await expect(widget).toHaveAttribute('data-verdict', /^(live|not_live|retake)$/);
  expect(script.seen).toHaveLength(2);
  const sent = await uploads();
  expect(sent).toHaveLength(1);
  expect(await sameImage(script.seen[0], sent[0])).toBe(true);
  expect(await captures(page)).toBe(1);
}

test('an HTML error page from a proxy (502): same message, same image resent', async ({ page, uploads }) => {
  await recovers(
    page,
    uploads,
    html(502, '<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>'),
    'HTTP_ERROR',
    'did not answer properly',
  );
  await expect(page.locator('.okl-root')).not.toContainText('nginx');
});

test('a dropped connection', async ({ page, uploads }) => {
  const script = await captureThenHold(page);
  await script.held().abort('connectionreset');
  const widget = page.locator('.okl-root');
  await expect(errorOf(widget)).toHaveAttribute('data-error', 'NETWORK_ERROR');
  await widget.getByRole('button', { name: 'Try again' }).click();
  await expect(widget).toHaveAttribute('data-state', 'result', SLOW);
  expect(await sameImage(script.seen[0], (await uploads())[0])).toBe(true);
});

test('offline: waits for the connection, then resends the same image', async ({ page, context, uploads }) => {
  const script = await captureThenHold(page);
  await context.setOffline(true);
  await script.held().abort('internetdisconnected');
  const widget = page.locator('.okl-root');
  await expect(errorOf(widget)).toHaveAttribute('data-error', 'OFFLINE');
  await expect(widget.getByRole('alert')).toContainText('You are offline');
  await expect(widget.getByRole('alert')).toContainText('Waiting for the connection');
  await expect(widget.getByRole('button', { name: 'Try again' })).toBeDisabled();
  await context.setOffline(false);
  await widget.getByRole('button', { name: 'Try again' }).click();
  await expect(widget).toHaveAttribute('data-state', 'result', SLOW);
  expect(await sameImage(script.seen[0], (await uploads())[0])).toBe(true);
  expect(await captures(page)).toBe(1);
});

test('413: says so, and "Try again" sends a smaller copy of the same selfie', async ({ page, uploads }) => {
  const script = await okaylive(page, [
    html(413, '<html><head><title>413 Request Entity Too Large</title></head></html>'),
  ]);
  await page.goto('/');
  await takeSelfie(page);
  const widget = page.locator('.okl-root');
  await expect(errorOf(widget)).toHaveAttribute('data-error', 'PAYLOAD_TOO_LARGE', SLOW);
  await expect(widget.getByRole('alert')).toContainText('smaller copy of the same selfie');
  await widget.getByRole('button', { name: 'Try again' }).click();
  await expect(widget).toHaveAttribute('data-state', 'result', SLOW);
  const [sent] = await uploads();
  const refused = await imageOf(script.seen[0] as Request);
  expect(sent?.parts.imageBest?.bytes?.length).toBeLessThan(refused.length * 0.61);
  expect(sent?.jpeg?.height).toBeGreaterThanOrEqual(600);
  expect(await captures(page)).toBe(1);
});

test.describe('with a controllable clock', () => {
  test.beforeEach(async ({ page }) => {
    await page.clock.install();
  });

  test('a slow answer: progress, elapsed time, a "still waiting" note, then the verdict', async ({ page }) => {
    const script = await captureThenHold(page);
    await freeze(page);
    const widget = page.locator('.okl-root');
    const progress = widget.locator('.okl-progress');
    await expect(progress.getByRole('progressbar')).toBeVisible();
    const elapsed = progress.locator('[data-elapsed]');
    const before = Number(await elapsed.getAttribute('data-elapsed'));
    const bar = Number(await progress.getByRole('progressbar').getAttribute('value'));
    await page.clock.fastForward('00:09');
    await expect(progress).toHaveAttribute('data-slow', 'true');
    await expect(progress).toContainText('taking longer than usual');
    // The count ticks every 250 ms, so the reading before the jump may lag by up to a tick.
    await expect(elapsed).toHaveText(new RegExp(`^(${before + 9}|${before + 10}) s elapsed$`));
    // An estimate that creeps on, and never claims to be finished before the answer.
    const after = Number(await progress.getByRole('progressbar').getAttribute('value'));
    expect(after).toBeGreaterThanOrEqual(bar);
    expect(after).toBeLessThan(100);
    await script.held().continue();
    await expect(widget).toHaveAttribute('data-state', 'result', SLOW);
    expect(await states(page)).not.toContain('error');
  });

  test('429 with Retry-After: a countdown, no resend before it ends, then the same image', async ({
    page,
    uploads,
  }) => {
    const script = await okaylive(page, [json(429, { status: 'error' }, { 'Retry-After': '20' })]);
    await page.goto('/');
    await takeSelfie(page);
    const widget = page.locator('.okl-root');
    await expect(errorOf(widget)).toHaveAttribute('data-error', 'RATE_LIMITED', SLOW);
    await freeze(page);
    await expect(widget.getByRole('alert')).toContainText('Too many attempts');
    const retry = widget.getByRole('button', { name: /Try again/ });
    await expect(retry).toBeDisabled();
    const left = Number(await retry.getAttribute('data-countdown'));
    expect(left).toBeGreaterThan(3);
    expect(left).toBeLessThanOrEqual(20);
    await expect(retry).toHaveText(`Try again in ${left} s`);
    await page.clock.fastForward((left - 2) * 1000);
    await expect(retry).toHaveText(/^Try again in [1-3] s$/);
    await expect(retry).toBeDisabled();
    await retry.click({ force: true }); // a disabled button sends nothing, even when clicked
    expect(script.seen).toHaveLength(1);
    await page.clock.fastForward(4000);
    await expect(retry).toBeEnabled();
    await expect(retry).toHaveText('Try again');
    await retry.click();
    await expect(widget).toHaveAttribute('data-state', 'result', SLOW);
    expect(await sameImage(script.seen[0], (await uploads())[0])).toBe(true);
  });
});

test("INVALID_JOURNEY_ID on the host's journey: the host is told, and its new journey resends the kept image", async ({
  page,
  uploads,
}) => {
  let widgetMadeJourneys = 0;
  await page.goto('/e2e/faults-host.html?journeyId=00000000-0000-4000-8000-000000000000');
  page.on('request', (request) => {
    if (request.url().endsWith('/api/ekyc/journeyid')) widgetMadeJourneys++;
  });
  await takeSelfie(page);
  const widget = page.locator('.okl-root');
  await expect(errorOf(widget)).toHaveAttribute('data-error', 'INVALID_JOURNEY_ID', SLOW);
  await expect(errorOf(widget)).toHaveAttribute('data-way', 'none');
  await expect(page.locator('#events')).toContainText('error:INVALID_JOURNEY_ID');
  expect(widgetMadeJourneys).toBe(0);

  await page.getByRole('button', { name: 'New journey' }).click(); // the host's own call
  await expect(widget).toHaveAttribute('data-state', 'result', SLOW);
  const sent = await uploads();
  expect(sent).toHaveLength(2);
  expect(sent[0]?.parts.journeyId?.value).toBe('00000000-0000-4000-8000-000000000000');
  expect(sent[1]?.parts.journeyId?.value).not.toBe(sent[0]?.parts.journeyId?.value);
  expect(sent[0]?.parts.imageBest?.bytes?.equals(sent[1]?.parts.imageBest?.bytes ?? Buffer.alloc(0))).toBe(true);
  expect(await captures(page)).toBe(1);
});
