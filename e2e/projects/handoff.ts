import type { Project } from '@playwright/test';
import { cameraUse } from './browser.ts';

/**
 * Continue on your phone: a desktop context (its camera refused or unused) and phone contexts
 * in one browser, whose fake camera plays the compliant clip to the phones.
 */
export const handoffProjects: Project[] = [
  { name: 'handoff', testMatch: /handoff.*\.spec\.ts/, use: cameraUse('compliant'), timeout: 120_000 },
];
