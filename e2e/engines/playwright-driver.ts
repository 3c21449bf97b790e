import AxeBuilder from '@axe-core/playwright';
import { test as base, type Page } from '@playwright/test';
import { bounded, CALL_MS, type EngineDriver, type EngineName, type PhotoFile } from './driver.ts';

/** The tags of e2e/a11y.spec.ts: WCAG 2.0–2.2 A/AA and best practice. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** The engine checks on a Playwright page (Chromium, or Firefox ESR over BiDi). */
export class PlaywrightDriver implements EngineDriver {
  private errors: string[] = [];

  constructor(
    readonly engine: EngineName,
    private readonly page: Page,
    readonly version: string,
    readonly refusal: 'engine' | 'page',
  ) {
    page.on('console', (message) => {
      const url = message.location().url;
      // Chromium asks for /favicon.ico by itself and logs its 404: the browser's request, not the page's (the pages here have no icon).
      if (message.type() === 'error' && new URL(url || 'about:blank').pathname !== '/favicon.ico')
        this.errors.push(`console.error: ${message.text()} (${url})`);
    });
    page.on('pageerror', (error) => this.errors.push(`uncaught: ${error.message}`));
  }

  /** Playwright hears every page's console itself: nothing to watch. */
  async open(path: string): Promise<void> {
    this.errors = [];
    await this.page.goto(path);
  }

  async run<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    // As source text, exactly as the Selenium driver sends it; page.evaluate has no timeout of its own.
    const result: unknown = await bounded(
      this.page.evaluate(`(${fn.toString()})(${JSON.stringify(arg)})`),
      `evaluate ${fn.name}`,
    );
    return result as R;
  }

  async click(selector: string): Promise<void> {
    await this.page.locator('.okl-root').first().locator(selector).first().click({ timeout: CALL_MS });
  }

  async choosePhoto(photo: PhotoFile): Promise<string> {
    await this.page.locator('.okl-root input[type="file"]').first().setInputFiles(photo, { timeout: CALL_MS });
    return 'Playwright setInputFiles';
  }

  async consoleErrors(): Promise<string[]> {
    return [...this.errors];
  }

  async axe(): Promise<string[]> {
    const results = await bounded(new AxeBuilder({ page: this.page }).withTags(AXE_TAGS).analyze(), 'axe', 60_000);
    return results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }
}

/** A test whose `engine` is this Playwright browser (one per worker, a fresh page per test). */
export function playwrightEngineTest(engine: 'chromium' | 'firefox') {
  return base.extend<{ engine: PlaywrightDriver }>({
    engine: async ({ page, browser }, use, info) => {
      const driver = new PlaywrightDriver(engine, page, browser.version(), 'engine');
      info.annotations.push({ type: 'engine', description: `${engine} ${driver.version}` });
      await use(driver);
    },
  });
}
