import type { Project } from '@playwright/test';
import { isMissing, readEngines } from '../engines/availability.ts';
import { chromium, plainCameraUse } from './browser.ts';

/**
 * The engine checks (e2e/engines/): the same checks in Chromium, Firefox ESR and WebKitGTK.
 * Run them all with `--project 'engines-*'`. Each engine has a project with its fake camera
 * allowed and, where the engine can be made to refuse the camera, one that refuses it
 * (preferences are fixed per browser launch). WebKitGTK is driven by Selenium inside its
 * tests, so its project launches no Playwright browser.
 */
const engines = readEngines();
const firefoxPath = isMissing(engines.firefox) ? undefined : engines.firefox.executablePath;

/** Firefox ESR through Playwright's WebDriver-BiDi channel; its fake camera streams stand in for a real one. */
function firefox(prefs: Record<string, boolean | number>): Project['use'] {
  return {
    browserName: 'firefox',
    channel: 'moz-firefox',
    launchOptions: {
      ...(firefoxPath ? { executablePath: firefoxPath } : {}),
      firefoxUserPrefs: { 'media.navigator.streams.fake': true, ...prefs },
    },
  };
}

/** Face analysis in a dev server on two shared cores: generous, and nothing asserts a duration. */
const timeout = 180_000;

export const engineProjects: Project[] = [
  { name: 'engines-chromium', testMatch: /engines\/chromium\.spec\.ts/, use: plainCameraUse(), timeout },
  // No --use-fake-ui-for-media-stream: headless Chromium refuses the permission prompt.
  {
    name: 'engines-chromium-refused',
    testMatch: /engines\/chromium-refused\.spec\.ts/,
    use: chromium(['--use-fake-device-for-media-stream']),
    timeout,
  },
  // grantPermissions(['camera']) is not supported over BiDi: the preference allows the camera instead.
  {
    name: 'engines-firefox',
    testMatch: /engines\/firefox(-shim)?\.spec\.ts/,
    use: firefox({ 'media.navigator.permission.disabled': true }),
    timeout,
  },
  {
    name: 'engines-firefox-refused',
    testMatch: /engines\/firefox-refused\.spec\.ts/,
    use: firefox({ 'media.navigator.permission.disabled': false, 'permissions.default.camera': 2 }),
    timeout,
  },
  { name: 'engines-webkit', testMatch: /engines\/webkit\.spec\.ts/, timeout },
];
