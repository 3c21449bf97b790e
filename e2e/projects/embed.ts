import { devices, type Project } from '@playwright/test';
import { cameraUse } from './browser.ts';

/**
 * Embedding, accessibility and layout; run them all with
 * `--project 'embed*'`. All use the compliant clip: these tests are about the page around the
 * camera, not about guidance.
 */
const phone = devices['Pixel 7'];

export const embedProjects: Project[] = [
  { name: 'embed-flow', testMatch: /embed.*\.spec\.ts/, use: cameraUse('compliant') },
  { name: 'embed-a11y', testMatch: /a11y.*\.spec\.ts/, use: cameraUse('compliant') },
  {
    name: 'embed-screens-phone',
    testMatch: /screenshots.*\.spec\.ts/,
    // Pixel 7's viewport, touch and user agent; Chromium stays the browser (the fake camera is Chromium's).
    use: {
      ...cameraUse('compliant'),
      viewport: phone?.viewport,
      deviceScaleFactor: phone?.deviceScaleFactor,
      isMobile: true,
      hasTouch: true,
      userAgent: phone?.userAgent,
    },
  },
  {
    name: 'embed-screens-desktop',
    testMatch: /screenshots.*\.spec\.ts/,
    use: { ...cameraUse('compliant'), viewport: { width: 1280, height: 800 } },
  },
];
