import { spawn } from 'node:child_process';
import { startProcess } from './process.ts';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test as base, type Locator, type Page } from '@playwright/test';
import { prepareApp, REPO, run, type PreparedApp, type ReactVersion, type RunResult } from './app.ts';
import { watch } from './watch.ts';

/**
 * The package as an integrator meets it: a fresh Vite react-ts app installs the packed
 * tarball and follows the embedding guide's steps as written (app.ts), type-checks, builds,
 * imports every entry in Node, and then completes a check with a fake camera, on its own dev
 * server and on its build, with React and with the one-script plain page. One project per
 * React version (e2e/projects/consumer.ts), after the consumer-package project packed the tarball.
 */

interface Consumer {
  app: PreparedApp;
  build: RunResult;
  declarations: RunResult;
}

interface Servers {
  dev: string;
  built: string;
}

function reactVersion(metadata: Record<string, unknown>): ReactVersion {
  const { react, types } = metadata;
  if (typeof react !== 'string' || typeof types !== 'string')
    throw new Error('a consumer project names its React and @types/react versions in metadata');
  return { react, types };
}

const bin = (app: PreparedApp, name: string) => join(app.dir, 'node_modules', '.bin', name);

const test = base.extend<object, { consumer: Consumer; servers: Servers }>({
  consumer: [
    async ({}, use, workerInfo) => {
      const version = reactVersion(workerInfo.project.metadata);
      const app = await prepareApp(workerInfo.project.name, version);
      // The app's own build script: `tsc -b` (strict, as the template sets it) and `vite build`.
      const build = await run('npm', ['run', 'build'], app.dir, 240_000);
      // The starter skips type-checking libraries; check the package's own declarations anyway.
      const declarations = await run(
        bin(app, 'tsc'),
        ['-p', 'tsconfig.app.json', '--noEmit', '--skipLibCheck', 'false'],
        app.dir,
        120_000,
      );
      await use({ app, build, declarations });
    },
    { scope: 'worker', timeout: 600_000 },
  ],
  servers: [
    async ({ consumer }, use, workerInfo) => {
      // Two ports per React version above the e2e server's own pair.
      const base = Number(process.env.E2E_PORT ?? 5199) + 11 + 2 * workerInfo.parallelIndex;
      // Node itself with tsx's loader (not the tsx CLI, which forks): a kill reaches the servers.
      const server = spawn(
        process.execPath,
        ['--import', 'tsx', 'e2e/consumer/serve.ts', consumer.app.dir, String(base), String(base + 1)],
        {
          cwd: REPO,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let log = '';
      const ready = new Promise<Servers>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`the consumer servers did not start in 120 s:\n${log}`)),
          120_000,
        );
        server.on('exit', (code) => reject(new Error(`the consumer servers stopped (${code}):\n${log}`)));
        const read = (chunk: Buffer) => {
          log += chunk.toString();
          const line = /^ready (\S+) (\S+)$/m.exec(log);
          if (line?.[1] && line[2]) {
            clearTimeout(timer);
            resolve({ dev: line[1], built: line[2] });
          }
        };
        server.stdout.on('data', read);
        server.stderr.on('data', read);
      });
      try {
        await use(await ready);
      } finally {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        if (server.exitCode === null) server.kill('SIGKILL');
      }
    },
    { scope: 'worker', timeout: 180_000 },
  ],
});

test.describe.configure({ mode: 'serial' });

test('the app builds with its own script (tsc strict, vite build), and the declarations type-check', async ({
  consumer,
}) => {
  expect(consumer.build.code, consumer.build.output).toBe(0);
  const ours = consumer.declarations.output
    .split('\n')
    .filter((line) => line.includes('node_modules/okaylive-capture/'));
  expect(ours).toEqual([]);
});

test('every built entry imports in Node without a DOM, renders on the server, and under react-server', async ({
  consumer,
}) => {
  copyFileSync(join(REPO, 'e2e', 'consumer', 'node-check.mjs'), join(consumer.app.dir, 'node-check.mjs'));
  const client = await run(process.execPath, ['node-check.mjs'], consumer.app.dir, 60_000);
  expect(client.code, client.output).toBe(0);
  const server = await run(
    process.execPath,
    ['--conditions=react-server', 'node-check.mjs', '--react-server'],
    consumer.app.dir,
    60_000,
  );
  expect(server.code, server.output).toBe(0);
  console.log(`${client.output}${server.output}`.trim());
});

async function completesCheck(page: Page, url: string, widget: Locator, next: Locator): Promise<void> {
  const { problems, loaded } = watch(page);
  await page.goto(url);
  await expect(widget).toHaveAttribute('data-state', 'idle');
  await widget.getByRole('button', { name: 'Start camera' }).click();
  // The compliant clip is guided and captured by itself, then checked by the reference engine.
  await expect(widget).toHaveAttribute('data-state', 'result', { timeout: 60_000 });
  const verdict = await widget.getAttribute('data-verdict');
  expect(verdict).toMatch(/^(live|not_live|retake)$/);
  // The page heard the verdict through the guide's own callback or event.
  await expect(next).toBeVisible({ visible: verdict === 'live' });
  // Guidance ran in the package's worker, with the models copied as the guide says.
  const distinct = (pattern: RegExp) => new Set(loaded.filter((path) => pattern.test(path))).size;
  expect(distinct(/\/worker-[\w-]+\.js$/)).toBe(1);
  expect(distinct(/^\/okaylive-assets\/(blazeface|landmarks68)\.[0-9a-f]+\.(json|bin)$/)).toBe(4);
  expect(problems).toEqual([]);
}

const react = (page: Page) => ({
  widget: page.locator('#root .okl-root'),
  next: page.getByRole('link', { name: 'Continue' }),
});
const plain = (page: Page) => ({
  widget: page.locator('okaylive-capture .okl-root'),
  next: page.getByRole('link', { name: 'Continue' }),
});

test('the React page on the dev server completes a check', async ({ page, servers }) => {
  const { widget, next } = react(page);
  await completesCheck(page, `${servers.dev}/`, widget, next);
});

test('the React page as built completes a check', async ({ page, servers }) => {
  const { widget, next } = react(page);
  await completesCheck(page, `${servers.built}/`, widget, next);
});

test('the plain page with the standalone script completes a check on the dev server', async ({ page, servers }) => {
  const { widget, next } = plain(page);
  await completesCheck(page, `${servers.dev}/onboarding.html`, widget, next);
});

test('the plain page with the standalone script completes a check as built', async ({ page, servers }) => {
  const { widget, next } = plain(page);
  await completesCheck(page, `${servers.built}/onboarding.html`, widget, next);
});

test("the guide's Express server (node server.mjs) serves the build and the API: the React page completes a check", async ({
  page,
  consumer,
}, workerInfo) => {
  // Its own port per React version, above the dev and preview pairs.
  const port = Number(process.env.E2E_PORT ?? 5199) + 17 + workerInfo.parallelIndex;
  const server = await startProcess(process.execPath, ['server.mjs'], {
    cwd: consumer.app.dir,
    env: { PORT: String(port) },
    ready: /^listening on (\d+)$/m,
    timeoutMs: 60_000,
  });
  try {
    expect(server.match[1]).toBe(String(port));
    const { widget, next } = react(page);
    await completesCheck(page, `http://localhost:${port}/`, widget, next);
  } finally {
    await server.stop();
  }
});
