import { WebElement, type WebDriver } from 'selenium-webdriver';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bounded, type EngineDriver, type PhotoFile } from './driver.ts';
import { choosePhotoInPage, watchedErrors } from './in-page.ts';

/**
 * The engine checks on WebKitGTK through WebKitWebDriver. It has no console log, no request
 * routing and no init scripts: the engine-check pages record their own console errors, and
 * the others are opened through the watch page (pages/watch.ts), which records them from the
 * page's first script on.
 */
export class SeleniumDriver implements EngineDriver {
  readonly engine = 'webkit';
  readonly refusal = 'page';

  constructor(
    private readonly driver: WebDriver,
    private readonly baseURL: string,
    readonly version: string,
  ) {}

  async open(path: string, { watch = false } = {}): Promise<void> {
    // The session's page-load timeout (webkit-fixture.ts) bounds this.
    await this.driver.get(
      watch
        ? `${this.baseURL}/e2e/engines/pages/watch.html?page=${encodeURIComponent(path)}`
        : `${this.baseURL}${path}`,
    );
  }

  async run<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    // WebDriver awaits a returned promise; the session's script timeout bounds it.
    const result: unknown = await this.driver.executeScript(`return (${fn.toString()})(arguments[0]);`, arg);
    return result as R;
  }

  private async element(selector: string): Promise<WebElement> {
    const found: unknown = await this.driver.executeScript(
      `const host = document.querySelector('okaylive-capture');
       const root = (host && host.shadowRoot && host.shadowRoot.querySelector('.okl-root')) || document.querySelector('.okl-root');
       return root ? root.querySelector(arguments[0]) : null;`,
      selector,
    );
    if (!(found instanceof WebElement)) throw new Error(`no ${selector} in the widget`);
    return found;
  }

  async click(selector: string): Promise<void> {
    await bounded((await this.element(selector)).click(), `click ${selector}`);
  }

  async choosePhoto(photo: PhotoFile): Promise<string> {
    // WebDriver's file upload: the path of a real file, typed into the input.
    const dir = mkdtempSync(join(tmpdir(), 'okl-photo-'));
    const path = join(dir, photo.name);
    writeFileSync(path, photo.buffer);
    try {
      await bounded((await this.element('input[type="file"]')).sendKeys(path), 'choose photo');
      return 'WebDriver file upload (sendKeys)';
    } catch (error) {
      // WebKitWebDriver may refuse an input it deems not interactable: the in-page equivalent.
      const done = await this.run(choosePhotoInPage, {
        base64: photo.buffer.toString('base64'),
        name: photo.name,
        type: photo.mimeType,
      });
      if (!done) throw new Error('no file input in the widget');
      return `in the page (DataTransfer), after WebDriver refused: ${String(error).split('\n')[0]}`;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  async consoleErrors(): Promise<string[]> {
    const errors = await this.run(watchedErrors, undefined);
    if (!errors) throw new Error('this page records no console errors: open it with { watch: true }');
    return errors;
  }
}
