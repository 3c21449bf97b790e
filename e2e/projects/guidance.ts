import type { Project } from '@playwright/test';
import { cameraProject, plainCameraUse } from './browser.ts';

/**
 * The hint each camera clip must produce (e2e/setup/clips.mjs). Only `compliant` may be
 * captured automatically. One project per clip: the fake-camera file is fixed per launch.
 */
export const CLIP_HINTS: Readonly<Record<string, string>> = {
  compliant: '',
  small: 'FACE_TOO_SMALL',
  close: 'FACE_TOO_CLOSE',
  offcentre: 'FACE_CLOSE_TO_BORDER',
  turned: 'FACE_ANGLE_TOO_LARGE',
  tilted: 'FACE_ANGLE_TOO_LARGE',
  dark: 'TOO_DARK',
  overexposed: 'TOO_BRIGHT',
  blurred: 'BLURRY',
  twofaces: 'TOO_MANY_FACES',
  noface: 'FACE_NOT_FOUND',
  vga: 'FACE_TOO_SMALL',
};

/**
 * Generous per-test time: face analysis in a dev server on 2 shared cores. Nothing here
 * asserts a duration; a slow machine only waits longer.
 */
const timeout = 180_000;

export const guidanceProjects: Project[] = [
  ...Object.keys(CLIP_HINTS).map((clip) => ({
    // The compliant clip also shows the fallback when the face model is missing, the still check, and memory given back.
    ...cameraProject(
      `guidance-${clip}`,
      clip === 'compliant' ? /(guidance-(clips|unavailable)|still-check|memory)\.spec\.ts/ : /guidance-clips\.spec\.ts/,
      clip,
    ),
    timeout,
  })),
  // getUserMedia replaced by a canvas stream the test draws (e2e/support/scripted-camera.ts).
  { name: 'guidance-journey', testMatch: /guidance-journey\.spec\.ts/, use: plainCameraUse(), timeout },
  // A simulated person follows the hints from many starting poses (e2e/support/person.ts).
  {
    name: 'guidance-person',
    testMatch: /(simulated-person|oval-sweep)\.spec\.ts/,
    use: { ...plainCameraUse(), viewport: { width: 1280, height: 800 } },
    timeout,
  },
];
