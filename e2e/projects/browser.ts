import type { Project } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { clipPath } from '../setup/clips.mjs';

/** Written by e2e/setup/prepare.mjs: a system Chromium, or null for Playwright's own. */
function browserPath(): string | undefined {
  const file = 'e2e/.cache/browser.json';
  if (!existsSync(file)) return undefined;
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const path =
    typeof parsed === 'object' && parsed !== null && 'executablePath' in parsed ? parsed.executablePath : null;
  return typeof path === 'string' ? path : undefined;
}

/** Headless flags verified on these machines (no sandbox as root, no background traffic). */
const BASE_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromium(args: string[] = []): Project['use'] {
  const executablePath = browserPath();
  return {
    browserName: 'chromium',
    launchOptions: { args: [...BASE_FLAGS, ...args], ...(executablePath ? { executablePath } : {}) },
  };
}

/** Chromium whose fake camera plays one clip from e2e/setup/clips.mjs (permission granted). */
export function cameraUse(clip: string): Project['use'] {
  return chromium([
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${clipPath(clip)}`,
  ]);
}

/** Chromium with the built-in 640x480 fake camera pattern, or a scriptable camera set up by the test. */
export function plainCameraUse(): Project['use'] {
  return chromium(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream']);
}

/** One project per camera clip: the fake-camera file is fixed per browser launch. */
export function cameraProject(name: string, testMatch: RegExp, clip: string): Project {
  return { name, testMatch, use: cameraUse(clip) };
}
