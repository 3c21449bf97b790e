import type { Project } from '@playwright/test';
import { plainCameraUse } from './browser.ts';

/**
 * The demo as an integrator's console. One project: every test draws its own camera
 * (e2e/support/scripted-camera.ts). `npm run screenshots` runs it with OKL_SCREENSHOTS_DIR set,
 * to refresh docs/screenshots/ from what the tests saw.
 */
export const consoleProjects: Project[] = [
  {
    name: 'console',
    testMatch: /console.*\.spec\.ts/,
    use: { ...plainCameraUse(), viewport: { width: 1280, height: 800 } },
    timeout: 180_000,
  },
];
