import type { Project } from '@playwright/test';
import { cameraUse } from './browser.ts';

/**
 * Every camera and network fault, with its message and recovery. One project: the
 * compliant clip is the real camera, and each test breaks it (getUserMedia mocks) or the
 * network (route interception) in its own way.
 */
export const faultProjects: Project[] = [
  { name: 'faults', testMatch: /faults-.*\.spec\.ts/, use: cameraUse('compliant') },
  // The production build behind the production server (strict CSP); the spec builds and starts it itself, once.
  { name: 'faults-csp', testMatch: /csp.*\.spec\.ts/, use: cameraUse('compliant') },
];
