import type { Project } from '@playwright/test';
import { cameraProject, chromium } from './browser.ts';

export const skeletonProjects: Project[] = [
  cameraProject('camera-compliant', /flow\.spec\.ts/, 'compliant'),
  {
    // No --use-fake-ui-for-media-stream: the permission prompt is dismissed, as a person refusing it.
    name: 'camera-denied',
    testMatch: /permission\.spec\.ts/,
    use: chromium(['--use-fake-device-for-media-stream']),
  },
];
