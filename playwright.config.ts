import { defineConfig, type Project } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { clipPath } from './e2e/setup/clips.mjs';

/** Written by e2e/setup/prepare.mjs: a system Chromium, or null for Playwright's own. */
function browserPath(): string | undefined {
  const file = 'e2e/.cache/browser.json';
  if (!existsSync(file)) return undefined;
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const path = typeof parsed === 'object' && parsed !== null && 'executablePath' in parsed ? parsed.executablePath : null;
  return typeof path === 'string' ? path : undefined;
}

const PORT = Number(process.env.E2E_PORT ?? 5199);
export const BASE_URL = `http://localhost:${PORT}`;

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

function chromium(args: string[]): Project['use'] {
  const executablePath = browserPath();
  return {
    browserName: 'chromium',
    launchOptions: { args: [...BASE_FLAGS, ...args], ...(executablePath ? { executablePath } : {}) },
  };
}

/** One project per camera clip: the fake-camera file is fixed per browser launch. */
function camera(name: string, testMatch: RegExp, clip: string): Project {
  return {
    name,
    testMatch,
    use: chromium([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${clipPath(clip)}`,
    ]),
  };
}

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 2,
  reporter: [['list']],
  use: { baseURL: BASE_URL, trace: 'retain-on-failure' },
  webServer: {
    // The demo's dev server behind a tap that records what reaches the API (e2e/support/tap-server.ts).
    command: `npx tsx e2e/support/tap-server.ts`,
    env: { E2E_PORT: String(PORT) },
    url: BASE_URL,
    reuseExistingServer: false,
    timeout: 60_000,
  },
  projects: [
    camera('camera-compliant', /flow\.spec\.ts/, 'compliant'),
    {
      // No --use-fake-ui-for-media-stream: the permission prompt is dismissed, as a person refusing it.
      name: 'camera-denied',
      testMatch: /permission\.spec\.ts/,
      use: chromium(['--use-fake-device-for-media-stream']),
    },
  ],
});
