import { test as base } from '@playwright/test';
import { Builder, Capabilities, type WebDriver } from 'selenium-webdriver';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { isMissing, readEngines, type WebKitInstall } from './availability.ts';
import { bounded, CALL_MS } from './driver.ts';
import { SeleniumDriver } from './selenium-driver.ts';

/**
 * WebKitGTK for the engine checks: one Xvfb display, one WebKitWebDriver and one MiniBrowser
 * session per test worker, reused by every test (a page load per test). Playwright cannot
 * drive WebKitGTK (it needs its own patched WebKit), so Selenium does, inside Playwright Test.
 * MiniBrowser is WebKit's engine with GStreamer media, not Safari.
 */
export interface WebKitSession {
  driver: WebDriver;
  /** MiniBrowser's own browserVersion (the WebKitGTK version). */
  version: string;
}

/** Mock cameras (a test pattern, up to 1920x1080 and more), and the preview may play without a gesture (it starts after the async camera request). */
const BROWSER_ARGS = [
  '--automation',
  '--enable-mock-capture-devices=true',
  '--media-playback-requires-user-gesture=false',
];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port')),
      );
    });
  });
}

/** Starts Xvfb on a display it picks itself (-displayfd): no clash with other runs on the machine. */
function startXvfb(xvfb: string): Promise<{ process: ChildProcess; display: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(xvfb, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    });
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error('Xvfb did not start in 15 s'));
    }, CALL_MS);
    const fd = child.stdio[3];
    if (!fd) {
      clearTimeout(timer);
      reject(new Error('Xvfb display pipe missing'));
      return;
    }
    let out = '';
    fd.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve({ process: child, display: `:${out.trim()}` });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited (${code})`));
    });
  });
}

/** Polls WebKitWebDriver's /status until it answers, for at most 15 s. */
async function driverReady(port: number): Promise<void> {
  const deadline = Date.now() + CALL_MS;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}/status`, { signal: AbortSignal.timeout(1000) })
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`WebKitWebDriver did not answer on port ${port} in ${CALL_MS} ms`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill();
  });
}

async function startSession(install: WebKitInstall): Promise<{ session: WebKitSession; close(): Promise<void> }> {
  const xvfb = await startXvfb(install.xvfb);
  const children: ChildProcess[] = [xvfb.process];
  const close = async () => {
    for (const child of children.reverse()) await stop(child);
  };
  try {
    const port = await freePort();
    const webdriver = spawn(install.driver, [`--port=${port}`], {
      env: { ...process.env, DISPLAY: xvfb.display },
      stdio: 'ignore',
    });
    children.push(webdriver);
    await driverReady(port);
    const capabilities = new Capabilities({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: install.binary, args: BROWSER_ARGS },
    });
    const driver = await new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities(capabilities).build();
    // Every script and page load is bounded; there are no implicit element waits.
    await driver.manage().setTimeouts({ script: CALL_MS, pageLoad: 60_000, implicit: 0 });
    const version = String((await driver.getCapabilities()).get('browserVersion') ?? install.version);
    return {
      session: { driver, version },
      close: async () => {
        await driver.quit().catch(() => undefined);
        await close();
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}

export const webkitTest = base.extend<{ engine: SeleniumDriver }, { webkit: WebKitSession }>({
  webkit: [
    async ({}, use) => {
      const install = readEngines().webkit;
      if (isMissing(install)) throw new Error(`WebKitGTK: ${install.missing}`);
      const { session, close } = await startSession(install);
      try {
        await use(session);
      } finally {
        await close();
      }
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  engine: async ({ webkit, baseURL }, use, info) => {
    if (!baseURL) throw new Error('the engine checks need use.baseURL (playwright.config.ts)');
    info.annotations.push({ type: 'engine', description: `webkit ${webkit.version}` });
    await use(new SeleniumDriver(webkit.driver, baseURL, webkit.version));
    // What the page showed when a check failed, as Playwright keeps for its own browsers.
    if (info.status !== info.expectedStatus) {
      const shot = await bounded(webkit.driver.takeScreenshot(), 'screenshot').catch(() => null);
      if (shot) {
        const path = info.outputPath('screenshot.png');
        writeFileSync(path, Buffer.from(shot, 'base64'));
        await info.attach('screenshot', { path, contentType: 'image/png' });
      }
    }
  },
});
