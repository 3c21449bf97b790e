import { defineConfig } from '@playwright/test';
import { faultProjects } from './e2e/projects/faults.ts';
import { embedProjects } from './e2e/projects/embed.ts';
import { skeletonProjects } from './e2e/projects/skeleton.ts';
import { guidanceProjects } from './e2e/projects/guidance.ts';
import { consoleProjects } from './e2e/projects/console.ts';
import { consumerProjects } from './e2e/projects/consumer.ts';
import { engineProjects } from './e2e/projects/engines.ts';
import { handoffProjects } from './e2e/projects/handoff.ts';

const PORT = Number(process.env.E2E_PORT ?? 5199);

/**
 * Projects live in e2e/projects/, one file per area, because a fake-camera clip is fixed per
 * browser launch and each area needs its own cameras.
 */
export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 2,
  // The engines reporter ends the run with which engines ran, their versions and results.
  reporter: [['list'], ['./e2e/engines/reporter.ts']],
  // Per port, so runs on different ports never wipe each other's traces.
  outputDir: `test-results/${PORT}`,
  // No action may wait without a bound: a click on a button that never comes fails in 15 s
  // instead of eating the whole test's time.
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
  },
  webServer: {
    // The demo's dev server behind a tap that records what reaches the API (e2e/support/tap-server.ts).
    command: 'npx tsx e2e/support/tap-server.ts',
    // The whole suite creates journeys from one address: lift the per-client limit meant for the open internet.
    env: { E2E_PORT: String(PORT), OKAYLIVE_JOURNEY_RATE_PER_MINUTE: '100000' },
    url: `http://localhost:${PORT}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
  projects: [
    ...embedProjects,
    ...skeletonProjects,
    ...guidanceProjects,
    ...faultProjects,
    ...consoleProjects,
    ...handoffProjects,
    ...consumerProjects,
    ...engineProjects,
  ],
});
