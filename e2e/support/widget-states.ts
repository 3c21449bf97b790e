import type { Locator, Page, Route } from '@playwright/test';
import { expect } from '@playwright/test';

/**
 * Ways to bring the widget on the plain-HTML onboarding page into each state, for the
 * accessibility and layout tests. One entry per state: adding a state is one line here.
 * API answers are fixed with route interception (contract-shaped bodies), camera faults by
 * replacing getUserMedia; the compliant clip does the rest.
 */
export interface WidgetState {
  name: string;
  /** data-state the widget shows once reached. */
  state: string;
  /** Extra query string for the onboarding page (?locale=…&theme=…). */
  query?: string;
  /** Element attributes set before starting. */
  attributes?: Record<string, string>;
  /** Route and camera setup before the page loads. */
  prepare?: (page: Page) => Promise<void>;
  /** Start the camera. */
  start?: boolean;
  /** Then take the selfie with the button (guidance still runs; auto-capture is off so the test does not wait for it). */
  capture?: boolean;
  /** Extra wait once data-state is reached (e.g. the hint is showing). */
  settle?: (widget: Locator) => Promise<void>;
}

const JOURNEY = '0b3f5c2a-8d1e-4c6a-9f70-3a2b1c0d9e8f';

/** Bodies shaped like the OkayLive contract's; the journey is answered locally so tests do not spend the server's journey quota. */
export function answer(body: object, status = 200): (page: Page) => Promise<void> {
  return async (page) => {
    await page.route('**/api/ekyc/journeyid', (route) =>
      route.fulfill({ json: { status: 'success', journeyId: JOURNEY } }),
    );
    await page.route('**/api/ekyc/okaylive', (route) => route.fulfill({ status, json: body }));
  };
}

/** The check never answers while the test looks at the submitting state. */
async function hold(page: Page): Promise<void> {
  const held: Route[] = [];
  await page.route('**/api/ekyc/journeyid', (route) =>
    route.fulfill({ json: { status: 'success', journeyId: JOURNEY } }),
  );
  await page.route('**/api/ekyc/okaylive', (route) => {
    held.push(route);
  });
}

async function offline(page: Page): Promise<void> {
  await page.route('**/api/ekyc/journeyid', (route) =>
    route.fulfill({ json: { status: 'success', journeyId: JOURNEY } }),
  );
  await page.route('**/api/ekyc/okaylive', (route) => route.abort('internetdisconnected'));
}

/** getUserMedia fails as the browser would with this DOMException name. */
function cameraFails(name: string): (page: Page) => Promise<void> {
  return async (page) => {
    await page.addInitScript((errorName) => {
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('test', errorName));
    }, name);
  };
}

const live = { status: 'success', messageCode: 'api.success', probability: 0.9912, score: 4.71, quality: 0.83 };
const notLive = { status: 'success', messageCode: 'api.success', probability: 0.0731, score: -2.54, quality: 0.77 };
const lowQuality = { status: 'success', messageCode: 'api.success', probability: 0.6, score: 0.41, quality: 0.21 };
const eyesClosed = { status: 'error', messageCode: null, message: 'EYES_CLOSED' };

const hintShown = async (widget: Locator) => {
  await expect(widget.locator('.okl-hint')).toBeVisible();
};

export const WIDGET_STATES: WidgetState[] = [
  { name: 'idle', state: 'idle' },
  { name: 'guiding', state: 'ready', start: true, attributes: { 'auto-capture': 'false' }, settle: hintShown },
  { name: 'captured (capture only)', state: 'captured', capture: true, attributes: { 'auto-submit': 'false' } },
  { name: 'submitting', state: 'submitting', capture: true, prepare: hold },
  { name: 'verdict live', state: 'result', capture: true, prepare: answer(live) },
  { name: 'verdict not live', state: 'result', capture: true, prepare: answer(notLive) },
  { name: 'verdict retake (low quality)', state: 'result', capture: true, prepare: answer(lowQuality) },
  { name: 'verdict retake (eyes closed)', state: 'result', capture: true, prepare: answer(eyesClosed) },
  {
    name: 'error: service 500',
    state: 'error',
    capture: true,
    prepare: answer({ status: 'Internal Server Error' }, 500),
  },
  {
    name: 'error: rate limited',
    state: 'error',
    capture: true,
    prepare: answer({ status: 'error', message: 'MAX_API_CALL_EXCEEDED' }, 429),
  },
  { name: 'error: offline', state: 'error', capture: true, prepare: offline },
  { name: 'error: camera denied', state: 'error', start: true, prepare: cameraFails('NotAllowedError') },
  { name: 'error: no camera', state: 'error', start: true, prepare: cameraFails('NotFoundError') },
  { name: 'error: camera in use', state: 'error', start: true, prepare: cameraFails('NotReadableError') },
  { name: 'idle, dark scheme', state: 'idle', query: 'theme=dark' },
  { name: 'verdict live, dark scheme', state: 'result', query: 'theme=dark', capture: true, prepare: answer(live) },
  {
    name: 'error, dark scheme, Chinese',
    state: 'error',
    query: 'theme=dark&locale=zh',
    start: true,
    prepare: cameraFails('NotAllowedError'),
  },
];

/** `ready` comes with the stream; the first frame (and a size to capture at) can come a little later. */
export async function videoPlaying(widget: Locator): Promise<void> {
  // Bounded, and a slow answer is just "not yet": expect.poll does not retry a thrown error.
  await expect
    .poll(() =>
      widget
        .locator('video')
        .evaluate((v: HTMLVideoElement) => v.videoWidth, undefined, { timeout: 1000 })
        .catch(() => 0),
    )
    .toBeGreaterThan(0);
}

/** Opens the onboarding page and brings its widget into `target`; returns the widget root. */
export async function reach(page: Page, target: WidgetState): Promise<Locator> {
  await target.prepare?.(page);
  await page.goto(`/onboarding.html${target.query ? `?${target.query}` : ''}`);
  const host = page.locator('okaylive-capture');
  const widget = host.locator('.okl-root');
  await expect(widget).toHaveAttribute('data-state', 'idle');
  const attributes = {
    ...(target.capture ? { 'auto-capture': 'false', 'manual-capture-after-ms': '0' } : {}),
    ...target.attributes,
  };
  for (const [name, value] of Object.entries(attributes))
    await host.evaluate((el, [n, v]) => el.setAttribute(n ?? '', v ?? ''), [name, value]);
  if (target.start || target.capture) await widget.locator('.okl-idle .okl-button').click();
  if (target.capture) {
    await expect(widget).toHaveAttribute('data-state', 'ready');
    await videoPlaying(widget);
    await widget.locator('.okl-capture').click();
  }
  // Auto-capture of the compliant clip can take a while on two shared cores.
  await expect(widget).toHaveAttribute('data-state', target.state, { timeout: 45_000 });
  await target.settle?.(widget);
  return widget;
}
