/**
 * One interface over the two drivers the engine checks run on: Playwright (Chromium, and
 * Firefox ESR over WebDriver-BiDi) and Selenium (WebKitGTK's WebKitWebDriver). The checks
 * (checks.ts) are written once against it; what they read in the page is in in-page.ts.
 */
export type EngineName = 'chromium' | 'firefox' | 'webkit';

export interface PhotoFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** Every driver call is bounded by this; polling loops bound the whole wait. */
export const CALL_MS = 15_000;

export interface EngineDriver {
  readonly engine: EngineName;
  /** What the engine reports about itself (Playwright's browser.version(), WebDriver's browserVersion). */
  readonly version: string;
  /** How this engine refuses the camera in the `refused` checks: by itself, or only in a test page. */
  readonly refusal: 'engine' | 'page';
  /**
   * Opens a path of the e2e server, hearing its console errors from its first script on.
   * `watch`: the page cannot record them itself (the demo, the onboarding page), so a driver
   * without a console log opens it through the watch page (pages/watch.ts).
   */
  open(path: string, options?: { watch?: boolean }): Promise<void>;
  /** Runs a self-contained function (in-page.ts) in the page with one JSON argument. */
  run<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Clicks, as a person would, the first element matching `selector` inside the widget. */
  click(selector: string): Promise<void>;
  /** Gives the widget's file input a photo, as the file chooser would; says how it did. */
  choosePhoto(photo: PhotoFile): Promise<string>;
  /** Console errors and uncaught errors since the last open(). */
  consoleErrors(): Promise<string[]>;
  /** axe's violations on the page (WCAG 2.2 AA and best practice), where the driver has axe. */
  axe?(): Promise<string[]>;
}

/** Rejects when `promise` has not settled in `ms`: a driver call that hangs fails its poll instead of the test. */
export function bounded<T>(promise: Promise<T>, what: string, ms = CALL_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
