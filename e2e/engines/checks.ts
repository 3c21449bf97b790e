import { expect, type TestInfo } from '@playwright/test';
import { FACE_CENTRE } from '../setup/clips.mjs';
import { goodPhoto } from '../support/faults.ts';
import { expectCompliantSelfie } from '../support/selfie.ts';
import type { EngineDriver, EngineName } from './driver.ts';
import { engineFeatures } from './in-page-features.ts';
import {
  captures,
  pageFacts,
  recordCaptures,
  setScene,
  setWidgetAttributes,
  widgetFacts,
  type WidgetFacts,
} from './in-page.ts';
import { expectedOutcome, expectUsableJpeg, serverUpload } from './server-upload.ts';

/**
 * The engine checks, written once for every engine and driver: each opens a page, acts
 * through the driver, reads the widget with in-page.ts and asserts here. Every wait is a
 * bounded poll; nothing asserts a duration.
 */
export interface CheckContext {
  baseURL: string;
  info: TestInfo;
}

export interface Check {
  name: string;
  run(driver: EngineDriver, context: CheckContext): Promise<void>;
}

/** Loading the models and analysing on two shared cores can be slow: upper bounds, not targets. */
const LOAD_MS = 60_000;
const GUIDANCE_MS = 120_000;

const UNREADABLE: WidgetFacts = {
  present: false,
  state: '',
  hint: '',
  hintMove: '',
  hintText: '',
  verdict: '',
  error: '',
  way: '',
  alert: '',
  resultTitle: '',
  actions: [],
  fileInput: false,
  video: null,
  guidance: '',
  analysisMs: 0,
};

/** The widget's facts, or "not readable yet" (a page still loading): a poll retries either. */
function widget(driver: EngineDriver): Promise<WidgetFacts> {
  return driver.run(widgetFacts, undefined).catch(() => UNREADABLE);
}

/** Polls until the widget shows `expected` (bounded by `timeout`); a failure shows everything it last showed. */
async function waitFor(
  driver: EngineDriver,
  expected: Partial<WidgetFacts>,
  timeout: number,
  what: string,
): Promise<WidgetFacts> {
  let last = UNREADABLE;
  try {
    await expect
      .poll(
        async () => {
          last = await widget(driver);
          return last;
        },
        { timeout, intervals: [250, 500, 1000] },
      )
      .toMatchObject(expected);
  } catch (error) {
    const page = await driver.run(pageFacts, undefined).catch(() => null);
    const errors = await driver.consoleErrors().catch(() => []);
    throw new Error(
      `${what}: the widget never showed ${JSON.stringify(expected)}; last seen ${JSON.stringify(last)}; page ${JSON.stringify(page)}; console errors ${JSON.stringify(errors)}`,
      { cause: error },
    );
  }
  return last;
}

async function expectNoConsoleErrors(driver: EngineDriver): Promise<void> {
  expect(await driver.consoleErrors(), 'console errors').toEqual([]);
}

/** axe finds nothing, where the driver has axe (Playwright's engines). */
async function expectAccessible(driver: EngineDriver, state: string): Promise<void> {
  if (!driver.axe) return;
  expect(await driver.axe(), `axe in state ${state}`).toEqual([]);
}

/** The scripted camera (e2e/support/scripted-camera-source.ts) on the engine-check page, at 1080p and 15 fps. */
function scriptedCameraPage(initial: Record<string, number>): string {
  const camera = {
    initial,
    size: { width: 1920, height: 1080, fps: 15 },
    centre: FACE_CENTRE,
    keys: ['y0_p0'],
    // WebKitWebDriver cannot route requests: the still comes from the e2e server itself.
    urls: { y0_p0: '/e2e/fixtures/astronaut.png' },
  };
  return `/e2e/engines/pages/capture.html?camera=${encodeURIComponent(JSON.stringify(camera))}`;
}

/** The help for re-allowing the camera names the person's browser (WebKitGTK's user agent reads as Safari). */
const PERMISSION_HELP: Record<EngineName, RegExp> = {
  chromium: /In Chrome:/,
  firefox: /In Firefox:/,
  webkit: /In Safari:/,
};

async function pageLoads(driver: EngineDriver, path: string): Promise<void> {
  // The engine-check pages record their own console; the others need watching.
  await driver.open(path, { watch: !path.startsWith('/e2e/engines/pages/') });
  const idle = await waitFor(driver, { present: true, state: 'idle' }, LOAD_MS, `${path}: the widget is idle`);
  expect(idle.actions).toContain('Start camera');
}

/** The engine-check page with its camera set up: its module may run after the widget's script, and must before Start. */
async function capturePageLoads(
  driver: EngineDriver,
  path: string,
  camera: 'scripted' | 'refuse' | 'engine',
): Promise<void> {
  await pageLoads(driver, path);
  await expect
    .poll(async () => (await driver.run(pageFacts, undefined).catch(() => null))?.camera, {
      timeout: LOAD_MS,
      message: `the page's camera is ${camera}`,
    })
    .toBe(camera);
}

/**
 * A capture that reached the server and came back judged: the image the page captured is
 * the one the server received, a portrait JPEG ≥ 800 px tall that decodes, and the verdict
 * shown is the client's reading of the server's answer.
 */
async function expectJudged(driver: EngineDriver, context: CheckContext, since: number, mode: string): Promise<Buffer> {
  const shown = await widget(driver);
  expect(shown.verdict).toMatch(/^(live|not_live|retake)$/);
  expect(shown.resultTitle).not.toBe('');
  const taken = await driver.run(captures, undefined);
  expect(taken).toHaveLength(1);
  const [capture] = taken;
  if (!capture) throw new Error('no capture recorded');
  expect(capture).toMatchObject({ type: 'image/jpeg', mode });
  const upload = await serverUpload(context.baseURL, capture, since);
  expect(upload.status).toBe(200);
  const size = await expectUsableJpeg(upload.image);
  expect({ width: capture.width, height: capture.height }).toEqual(size);
  expect(shown.verdict).toBe(expectedOutcome(upload.response));
  return upload.image;
}

export const CAMERA_CHECKS: Check[] = [
  {
    // Without this, "no console error" below could mean "not listening": planted errors are heard on a page that records itself and on a watched one.
    name: 'console errors are heard: planted ones are reported',
    run: async (driver) => {
      const planted = expect.arrayContaining([
        expect.stringContaining('planted console error'),
        expect.stringContaining('planted uncaught error'),
      ]);
      for (const watch of [false, true]) {
        await driver.open('/e2e/engines/pages/capture.html?plant=error', { watch });
        await expect
          .poll(() => driver.consoleErrors().catch((error: unknown) => [String(error)]), {
            timeout: LOAD_MS,
            message: `watch: ${watch}`,
          })
          .toEqual(planted);
      }
    },
  },
  {
    name: 'the demo loads with no console error',
    run: async (driver) => {
      await pageLoads(driver, '/');
      await expectNoConsoleErrors(driver);
    },
  },
  {
    name: 'the plain onboarding page loads with no console error, and axe finds nothing',
    run: async (driver) => {
      await pageLoads(driver, '/onboarding.html');
      expect(await driver.run(pageFacts, undefined)).toMatchObject({ okayLiveMount: true, customElement: true });
      await expectAccessible(driver, 'idle');
      await expectNoConsoleErrors(driver);
    },
  },
  {
    name: "the engine's own camera starts, plays, and guidance reads its frames",
    run: async (driver, { info }) => {
      await pageLoads(driver, '/onboarding.html');
      await driver.run(setWidgetAttributes, { 'auto-capture': 'false' });
      await driver.click('.okl-idle .okl-button');
      const ready = await waitFor(driver, { state: 'ready' }, LOAD_MS, 'the camera is on');
      await expect
        .poll(async () => (await widget(driver)).video?.width ?? 0, {
          timeout: LOAD_MS,
          message: 'the preview has a size',
        })
        .toBeGreaterThan(0);
      const start = (await widget(driver)).video?.time ?? 0;
      await expect
        .poll(async () => (await widget(driver)).video?.time ?? 0, { timeout: LOAD_MS, message: 'the preview plays' })
        .toBeGreaterThan(start);
      // The engine's fake camera shows a test pattern: the analysis worker ran on its frames and found no face.
      const guided = await waitFor(driver, { hint: 'FACE_NOT_FOUND' }, GUIDANCE_MS, 'guidance reads the camera');
      expect(guided.hintText).not.toBe('');
      info.annotations.push({
        type: 'camera',
        description: `${guided.video?.width}x${guided.video?.height} (asked for 1920x1080), state ${ready.state}`,
      });
      await driver.click('.okl-cancel');
      await waitFor(driver, { state: 'idle' }, LOAD_MS, 'Cancel turns the camera off');
      await expectNoConsoleErrors(driver);
    },
  },
  {
    name: 'a far face gets its hint; a compliant one is captured by itself, uploaded and judged',
    run: async (driver, context) => {
      await capturePageLoads(driver, scriptedCameraPage({ scale: 1.4, fx: 0.5 }), 'scripted');
      await driver.run(recordCaptures, undefined);
      const since = Date.now();
      await driver.click('.okl-idle .okl-button');
      const far = await waitFor(
        driver,
        { state: 'ready', hint: 'FACE_TOO_SMALL' },
        GUIDANCE_MS,
        'a far face: move closer',
      );
      expect(far.hintText).toMatch(/Move closer/);
      expect(far.video).toMatchObject({ width: 1920, height: 1080 });
      await expectAccessible(driver, 'ready (a hint showing)');
      expect(await driver.run(setScene, { scale: 3.2, fx: 0.5 })).toBe(true);
      const judged = await waitFor(driver, { state: 'result' }, GUIDANCE_MS, 'captured by itself and judged');
      // Per-frame analysis time in this engine (median of the latest frames), for the run's engine line.
      expect(judged.analysisMs).toBeGreaterThan(0);
      context.info.annotations.push({ type: 'analysis-ms', description: String(judged.analysisMs) });
      // The 1080p camera's full-resolution portrait crop, with the face where the oval put it (read back by the server's analysis).
      await expectCompliantSelfie(await expectJudged(driver, context, since, 'auto'));
      await expectAccessible(driver, 'result');
      await expectNoConsoleErrors(driver);
    },
  },
  {
    name: 'the APIs the widget needs are there (and which optional ones)',
    run: async (driver, { info }) => {
      await capturePageLoads(driver, '/e2e/engines/pages/capture.html', 'engine');
      const features = await driver.run(engineFeatures, undefined);
      await info.attach('features.json', { body: JSON.stringify(features, null, 2), contentType: 'application/json' });
      info.annotations.push({ type: 'features', description: JSON.stringify(features) });
      // What the widget cannot do without: the camera, and the analysis worker's set-up.
      expect(features).toMatchObject({ getUserMedia: true, moduleWorker: true });
      expect(features.worker).toMatchObject({ webAssembly: true, offscreenCanvas2d: true, jpeg: true, error: '' });
    },
  },
];

export const REFUSED_CHECKS: Check[] = [
  {
    name: 'a refused camera shows its message; a photo instead completes the check',
    run: async (driver, context) => {
      // Refused by the engine itself where it can be made to; else by the engine-check page.
      context.info.annotations.push({
        type: 'refusal',
        description:
          driver.refusal === 'engine'
            ? 'by the engine'
            : 'simulated by the page (the engine grants every capture under automation)',
      });
      if (driver.refusal === 'engine') await pageLoads(driver, '/onboarding.html');
      else await capturePageLoads(driver, '/e2e/engines/pages/capture.html?camera=refuse', 'refuse');
      await driver.run(recordCaptures, undefined);
      const since = Date.now();
      await driver.click('.okl-idle .okl-button');
      const refused = await waitFor(
        driver,
        { state: 'error', error: 'CAMERA_DENIED' },
        LOAD_MS,
        'the refusal is explained',
      );
      expect(refused.alert).toMatch(/Camera access was blocked/);
      expect(refused.alert).toMatch(PERMISSION_HELP[driver.engine]);
      expect(refused.actions).toEqual(expect.arrayContaining(['Try again', 'Use a photo instead']));
      expect(refused.fileInput).toBe(true);
      await expectAccessible(driver, 'error (camera refused)');

      context.info.annotations.push({ type: 'photo', description: await driver.choosePhoto(await goodPhoto()) });
      await waitFor(driver, { state: 'result' }, GUIDANCE_MS, 'the photo is checked, uploaded and judged');
      await expectJudged(driver, context, since, 'file');
      await expectNoConsoleErrors(driver);
    },
  },
];
