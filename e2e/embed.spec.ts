import type { Page } from '@playwright/test';
import { createServer } from 'node:http';
import { expect, test } from './support/fixtures.ts';
import { videoPlaying } from './support/widget-states.ts';

/**
 * The plain-HTML onboarding page (public/onboarding.html): no React of its own, the widget
 * from one script tag (the standalone bundle, built as shipped), results as DOM events.
 */

/** Records every camera stream the page opens, to check that Cancel really turns the camera off. */
async function recordStreams(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const streams: MediaStream[] = [];
    Object.assign(window, { __streams: streams });
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      const stream = await original(constraints);
      streams.push(stream);
      return stream;
    };
  });
}

const liveTracks = (page: Page) =>
  page.evaluate(
    () =>
      ((window as unknown as { __streams: MediaStream[] }).__streams ?? [])
        .flatMap((s) => s.getTracks())
        .filter((t) => t.readyState === 'live').length,
  );

const events = (page: Page) =>
  page
    .locator('#bank-events li')
    .evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.event).reverse());

test('a plain HTML page completes a check through <okaylive-capture>', async ({ page, uploads }) => {
  const loaded: string[] = [];
  page.on('request', (r) => loaded.push(new URL(r.url()).pathname));
  // The page's console is the host's: the widget and its worker write nothing there unasked.
  const said: string[] = [];
  page.on('console', (m) => {
    // The demo page has no favicon; that 404 is the page's, not the widget's.
    if (!m.location().url.endsWith('/favicon.ico')) said.push(`${m.type()}: ${m.text()}`);
  });
  await page.goto('/onboarding.html');
  const widget = page.locator('okaylive-capture .okl-root');
  await expect(widget).toHaveAttribute('data-state', 'idle');
  expect(
    await page.evaluate(() => typeof (window as unknown as { OkayLive?: { mount?: unknown } }).OkayLive?.mount),
  ).toBe('function');

  await widget.getByRole('button', { name: 'Start camera' }).click();
  // Guidance runs in the standalone bundle's own worker; the compliant clip is captured by itself.
  await expect(widget).toHaveAttribute('data-state', 'result', { timeout: 45_000 });
  const verdict = await widget.getAttribute('data-verdict');
  expect(verdict).toMatch(/^(live|not_live|retake)$/);
  await expect(page.locator('okaylive-capture')).toHaveAttribute('state', 'result');
  // The applicant sees the outcome in words, never the figures (no gauge to tune a spoof against).
  await expect(widget.locator('.okl-result')).toBeVisible();
  await expect(widget.locator('.okl-figures, [data-field="probability"]')).toHaveCount(0);

  // The page heard it all through DOM events, in order.
  const seen = await events(page);
  expect(seen.filter((e) => e !== 'statechange')).toEqual(['capture', 'result']);
  expect(seen).toContain('statechange');
  await expect(page.locator('#bank-continue')).toBeEnabled({ enabled: verdict === 'live' });

  // What reached the server: one full-resolution portrait JPEG.
  const received = await uploads();
  expect(received).toHaveLength(1);
  expect(received[0]?.jpeg).toEqual({ width: 810, height: 1080 });

  // The worker came from beside the script, the models from the same origin.
  expect(loaded.some((p) => /^\/okaylive\/assets\/worker-[\w-]+\.js$/.test(p))).toBe(true);
  expect(loaded.some((p) => p.startsWith('/okaylive-assets/'))).toBe(true);
  expect(said.filter((line) => !line.startsWith('debug:'))).toEqual([]);
});

test('an API on another origin that does not allow this page: the host hears CROSS_ORIGIN_REFUSED, the person a calm message', async ({
  page,
}) => {
  // A backend on another origin that refuses this page as ours does an unlisted origin: a 403
  // without CORS headers, which the browser keeps from the page.
  const backend = createServer((req, res) => {
    res.writeHead(403, { 'Content-Type': 'application/json' });
    res.end(req.method === 'HEAD' ? undefined : JSON.stringify({ status: 'error', message: 'origin not allowed' }));
  });
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  const address = backend.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const api = `http://127.0.0.1:${address.port}/api/ekyc`;
  page.on('close', () => backend.close());
  const asked: string[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(api)) asked.push(`${request.method()} ${new URL(request.url()).pathname}`);
  });
  await page.addInitScript(() => {
    const heard: Array<{ code: string; detail?: string }> = [];
    Object.assign(window, { __heard: heard });
    document.addEventListener('okaylive-error', (event) =>
      heard.push((event as CustomEvent<{ code: string; detail?: string }>).detail),
    );
  });
  await page.goto('/onboarding.html');
  // Set by the page's script, not by rewriting the page in flight: Chromium treats a document
  // the test fulfilled as public, and refuses it the loopback address outright.
  await page.locator('okaylive-capture').evaluate((el, url) => el.setAttribute('api-base-url', url), api);
  const widget = page.locator('okaylive-capture .okl-root');
  await widget.getByRole('button', { name: 'Start camera' }).click();
  const heard = () =>
    page.evaluate(() =>
      (window as unknown as { __heard: Array<{ code: string; detail?: string }> }).__heard.map((e) => e.code),
    );
  await expect.poll(heard, { timeout: 45_000 }).toContain('CROSS_ORIGIN_REFUSED');
  expect(await heard()).not.toContain('NETWORK_ERROR');
  await expect(widget.locator('.okl-error[data-error]')).toHaveAttribute('data-error', 'CROSS_ORIGIN_REFUSED', {
    timeout: 45_000,
  });
  await expect(widget.locator('.okl-error')).toContainText('could not reach the check service');
  // The refused request, then the question that told it apart: a HEAD, nothing created.
  expect(asked).toEqual(expect.arrayContaining(['POST /api/ekyc/journeyid', 'HEAD /api/ekyc/journeyid']));
});

test('requirements out of range stop the widget before the camera, naming the row; fixed, it starts', async ({
  page,
}) => {
  await page.addInitScript(() => {
    const heard: Array<{ code: string; requirement?: { row: string; bound?: { min: number; max: number } } }> = [];
    Object.assign(window, { __heard: heard });
    document.addEventListener('okaylive-error', (event) =>
      heard.push((event as CustomEvent<(typeof heard)[number]>).detail),
    );
  });
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
  });
  await page.goto('/onboarding.html');
  const host = page.locator('okaylive-capture');
  await expect(host.locator('.okl-root')).toHaveAttribute('data-state', 'idle');
  await host.evaluate((el) =>
    el.setAttribute('requirements', JSON.stringify({ yaw: { limit: 40 }, stableWindowMs: 800 })),
  );
  const widget = host.locator('.okl-root');
  await expect(widget.locator('.okl-error')).toHaveAttribute('data-error', 'REQUIREMENTS_INVALID');
  await expect(widget.locator('.okl-error')).toHaveAttribute('data-way', 'none');
  await expect(widget.locator('.okl-error')).toContainText('not set up correctly');
  const heard = await page.evaluate(() => (window as unknown as { __heard: unknown[] }).__heard);
  expect(heard).toEqual([
    expect.objectContaining({
      code: 'REQUIREMENTS_INVALID',
      requirement: expect.objectContaining({ row: 'yaw', bound: { min: 5, max: 20 } }),
    }),
  ]);
  expect(warnings.some((w) => w.includes('requirements.yaw.limit'))).toBe(true);
  await expect(widget.getByRole('button', { name: 'Start camera' })).toHaveCount(0);

  await host.evaluate((el) =>
    el.setAttribute('requirements', JSON.stringify({ yaw: { limit: 15 }, stableWindowMs: 800 })),
  );
  await expect(widget).toHaveAttribute('data-state', 'idle');
  await expect(widget.getByRole('button', { name: 'Start camera' })).toBeVisible();
});

test('the widget and the page do not style each other; page custom properties theme it', async ({ page }) => {
  await page.goto('/onboarding.html');
  const start = page.locator('okaylive-capture').getByRole('button', { name: 'Start camera' });
  await expect(start).toBeVisible();
  // The page's careless `button { background: #ff00ff; font-size: 30px }` stops at the shadow root...
  const look = await start.evaluate((b) => ({
    background: getComputedStyle(b).backgroundColor,
    size: getComputedStyle(b).fontSize,
  }));
  expect(look.background).toBe('rgb(18, 61, 43)'); // ...while --okl-color-primary set on the element gets in.
  expect(look.size).not.toBe('30px');
  // Nothing of the widget's is added to the document's own styles.
  const documentStyles = await page.evaluate(() => ({
    adopted: document.adoptedStyleSheets.length,
    styleTags: document.querySelectorAll('style').length,
  }));
  expect(documentStyles).toEqual({ adopted: 0, styleTags: 0 });
  await expect(page.locator('#bank-continue')).toHaveCSS('background-color', 'rgb(107, 107, 107)');
});

test('theme: dark scheme by attribute, colours and radius by property', async ({ page }) => {
  await page.goto('/onboarding.html?theme=dark');
  const host = page.locator('okaylive-capture');
  const root = host.locator('.okl-root');
  await expect(root).toHaveAttribute('data-scheme', 'dark');
  await expect(root).toHaveCSS('background-color', 'rgb(22, 24, 28)');
  await expect(root).toHaveCSS('color', 'rgb(232, 234, 237)');
  await host.evaluate((el) =>
    Object.assign(el, {
      theme: { colors: { primary: '#7c3aed', onPrimary: '#ffffff' }, radius: 2, font: 'Georgia, serif' },
    }),
  );
  const start = host.getByRole('button', { name: 'Start camera' });
  await expect(start).toHaveCSS('background-color', 'rgb(124, 58, 237)');
  await expect(root).toHaveCSS('border-radius', '2px');
  await expect(root).toHaveCSS('font-family', 'Georgia, serif');
  // The attribute still decides the scheme when the property sets only colours.
  await expect(root).toHaveAttribute('data-scheme', 'dark');
});

test('the React component in the light DOM gets the same tokens (the :host part of the token rules is harmless there)', async ({
  page,
}) => {
  await page.goto('/');
  const root = page.locator('.okl-root').first();
  await expect(root).toHaveAttribute('data-scheme', 'light');
  await expect(root).toHaveCSS('background-color', 'rgb(255, 255, 255)');
  await expect(root.getByRole('button', { name: 'Start camera' })).toHaveCSS('background-color', 'rgb(11, 87, 208)');
  await expect(root).toHaveCSS('border-top-left-radius', '12px');
});

test('language from the locale attribute and live switching', async ({ page }) => {
  await page.goto('/onboarding.html?locale=ms');
  const host = page.locator('okaylive-capture');
  await expect(host.getByRole('button', { name: 'Hidupkan kamera' })).toBeVisible();
  await expect(host.locator('.okl-root')).toHaveAttribute('lang', 'ms');
  await page.locator('#bank-language').selectOption('zh');
  await expect(host.getByRole('button', { name: '打开摄像头' })).toBeVisible();
  await expect(host.locator('.okl-root')).toHaveAttribute('lang', 'zh');
  await page.locator('#bank-language').selectOption('id');
  await expect(host.getByRole('button', { name: 'Nyalakan kamera' })).toBeVisible();
});

test('Cancel turns the camera off and tells the page', async ({ page, uploads }) => {
  await recordStreams(page);
  // Without auto-capture the camera stays on until the person acts.
  await page.goto('/onboarding.html');
  await page.locator('okaylive-capture').evaluate((el) => el.setAttribute('auto-capture', 'false'));
  const widget = page.locator('okaylive-capture .okl-root');
  await widget.getByRole('button', { name: 'Start camera' }).click();
  await expect(widget).toHaveAttribute('data-state', 'ready');
  await expect.poll(() => liveTracks(page)).toBeGreaterThan(0);
  await widget.getByRole('button', { name: 'Cancel' }).click();
  await expect(widget).toHaveAttribute('data-state', 'idle');
  await expect.poll(() => liveTracks(page)).toBe(0);
  expect(await events(page)).toContain('cancel');
  await expect(page.locator('#bank-outcome')).toContainText('cancelled');
  expect(await uploads()).toHaveLength(0);
});

test('mount() with autoSubmit off hands over the capture and sends nothing', async ({ page, uploads }) => {
  await page.goto('/onboarding.html');
  await page.waitForFunction(() => 'OkayLive' in window);
  await page.evaluate(() => {
    const target = document.createElement('div');
    target.id = 'mounted';
    document.body.append(target);
    const api = (window as unknown as { OkayLive: { mount: (el: Element, o: object) => unknown } }).OkayLive;
    Object.assign(window, { __captures: [] as object[] });
    api.mount(target, {
      autoSubmit: false,
      autoCapture: false,
      autoStart: true,
      locale: 'en',
      onCapture: (blob: Blob, meta: { width: number; camera: object }) =>
        (window as unknown as { __captures: object[] }).__captures.push({
          bytes: blob.size,
          type: blob.type,
          width: meta.width,
          camera: meta.camera,
        }),
    });
  });
  const widget = page.locator('#mounted .okl-root');
  await expect(widget).toHaveAttribute('data-state', 'ready');
  await videoPlaying(widget);
  await widget.getByRole('button', { name: 'Take selfie' }).click();
  await expect(widget).toHaveAttribute('data-state', 'captured');
  const captures = await page.evaluate(
    () => (window as unknown as { __captures: { bytes: number; type: string; width: number }[] }).__captures,
  );
  expect(captures).toHaveLength(1);
  // The metadata names the camera and carries the virtual-camera signal (OBS & co.: see the camera choice test).
  expect(captures[0]).toMatchObject({
    type: 'image/jpeg',
    width: 810,
    camera: { label: expect.any(String), virtual: expect.any(Boolean) },
  });
  expect(captures[0]?.bytes).toBeGreaterThan(10_000);
  // The first widget on the page is untouched: one store per instance.
  await expect(page.locator('okaylive-capture .okl-root')).toHaveAttribute('data-state', 'idle');
  expect(await uploads()).toHaveLength(0);
});

/**
 * Three cameras as a Windows laptop with Hello and OBS shows them. The browser's own pick (no
 * deviceId asked) is the IR sensor; every stream is the fake camera's, reporting the device asked for.
 */
async function laptopCameras(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const devices = [
      { kind: 'videoinput', deviceId: 'ir', groupId: 'a', label: 'Integrated IR Camera' },
      { kind: 'videoinput', deviceId: 'rgb', groupId: 'a', label: 'Integrated Camera' },
      { kind: 'videoinput', deviceId: 'obs', groupId: 'b', label: 'OBS Virtual Camera' },
      { kind: 'audioinput', deviceId: 'mic', groupId: 'c', label: 'Microphone Array' },
    ];
    const requests: string[] = [];
    Object.assign(window, { __cameraRequests: requests });
    const media = navigator.mediaDevices;
    const original = media.getUserMedia.bind(media);
    media.enumerateDevices = async () => devices.map((d) => ({ ...d, toJSON: () => d }) as MediaDeviceInfo);
    media.getUserMedia = async (constraints) => {
      const video = typeof constraints?.video === 'object' ? constraints.video : {};
      const asked = video.deviceId;
      const id =
        typeof asked === 'string'
          ? asked
          : Array.isArray(asked)
            ? String(asked[0])
            : (asked?.exact ?? asked?.ideal ?? 'ir');
      const wanted = String(id);
      requests.push(wanted);
      const stream = await original({ video: true });
      const track = stream.getVideoTracks()[0];
      if (track) {
        const settings = track.getSettings.bind(track);
        track.getSettings = () => ({ ...settings(), deviceId: wanted });
        Object.defineProperty(track, 'label', { value: devices.find((d) => d.deviceId === wanted)?.label ?? '' });
      }
      return stream;
    };
  });
}

const cameraRequests = (page: Page) =>
  page.evaluate(() => (window as unknown as { __cameraRequests: string[] }).__cameraRequests);

test('camera choice: IR default swapped for the colour camera, picker switches, choice remembered, virtual flagged', async ({
  page,
}) => {
  await laptopCameras(page);
  await page.goto('/onboarding.html');
  const host = page.locator('okaylive-capture');
  await host.evaluate((el) => {
    el.setAttribute('remember-camera', '');
    el.setAttribute('auto-capture', 'false');
    el.setAttribute('manual-capture-after-ms', '0');
    el.setAttribute('auto-submit', 'false');
  });
  const widget = host.locator('.okl-root');
  await widget.getByRole('button', { name: 'Start camera' }).click();

  // The browser opened the IR sensor; once labels are readable the widget moves to the colour camera.
  await expect.poll(() => cameraRequests(page)).toEqual(['ir', 'rgb']);
  await expect(widget).toHaveAttribute('data-state', 'ready');
  const picker = widget.getByRole('combobox', { name: 'Camera' });
  await expect(picker).toHaveValue('rgb');
  await expect(picker.locator('option')).toHaveText([
    'Integrated IR Camera',
    'Integrated Camera',
    'OBS Virtual Camera',
  ]);
  // An automatic correction is not a choice: nothing is stored.
  expect(await page.evaluate(() => localStorage.getItem('okaylive.cameraDeviceId'))).toBeNull();

  // The person picks OBS: the camera restarts on it and the choice is remembered (remember-camera).
  await picker.selectOption('obs');
  await expect.poll(() => cameraRequests(page)).toEqual(['ir', 'rgb', 'obs']);
  await expect(widget).toHaveAttribute('data-state', 'ready');
  expect(await page.evaluate(() => localStorage.getItem('okaylive.cameraDeviceId'))).toBe('obs');
  await videoPlaying(widget);
  await widget.getByRole('button', { name: 'Take selfie' }).click();
  await expect(widget).toHaveAttribute('data-state', 'captured');
  await expect(page.locator('#bank-events li[data-event="capture"]')).toContainText('"label":"OBS Virtual Camera"');
  await expect(page.locator('#bank-events li[data-event="capture"]')).toContainText('"virtual":true');

  // Next visit: the remembered camera is asked for first, and kept.
  await page.reload();
  await host.evaluate((el) => {
    el.setAttribute('remember-camera', '');
    el.setAttribute('auto-capture', 'false');
  });
  await widget.getByRole('button', { name: 'Start camera' }).click();
  await expect(widget).toHaveAttribute('data-state', 'ready');
  await expect(widget.getByRole('combobox', { name: 'Camera' })).toHaveValue('obs');
  expect(await cameraRequests(page)).toEqual(['obs']);
});
