// Finds or installs the tools the tests need: a Chromium, ffmpeg, and redis-server.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

export function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

let aptUpdated = false;
export function aptInstall(packages) {
  if (!isRoot || !which('apt-get')) return false;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env }).status === 0;
  if (install()) return true;
  if (!aptUpdated) {
    aptUpdated = true;
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  }
  return install();
}

export function ensureFfmpeg() {
  if (which('ffmpeg')) return which('ffmpeg');
  console.log('[prepare] ffmpeg missing: installing with apt');
  if (aptInstall(['ffmpeg']) && which('ffmpeg')) return which('ffmpeg');
  throw new Error('ffmpeg is required to make the camera clips: install it (Debian: apt-get install ffmpeg)');
}

const REDIS_SERVERS = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'];

/**
 * The server's shared-state tests run a real redis-server on a loopback port: Debian's
 * package, installed with apt when missing (as root). Without it those tests fail, saying so.
 */
export function ensureRedis() {
  const found = () => which('redis-server') ?? REDIS_SERVERS.find((p) => existsSync(p)) ?? null;
  if (found()) return found();
  console.log('[prepare] redis-server missing: installing with apt');
  if (aptInstall(['redis-server']) && found()) return found();
  throw new Error('redis-server is required by the server tests: install it (Debian: apt-get install redis-server)');
}

const SYSTEM_CHROMIUMS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
];

async function playwrightOwn() {
  try {
    const { chromium } = await import('@playwright/test');
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/**
 * Order: an explicit CHROMIUM_PATH, a system Chromium, Playwright's own (downloaded if it
 * can be), and last Debian's chromium via apt when running as root.
 * Returns null when Playwright should use its own browser.
 */
export async function ensureChromium() {
  const explicit = process.env.CHROMIUM_PATH;
  if (explicit && existsSync(explicit)) return explicit;
  const system = SYSTEM_CHROMIUMS.find((p) => existsSync(p));
  if (system) return system;
  if (await playwrightOwn()) return null;
  console.log('[prepare] no Chromium found: trying Playwright download');
  try {
    execFileSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit', timeout: 180_000 });
    if (await playwrightOwn()) return null;
  } catch {
    console.log('[prepare] Playwright download failed');
  }
  console.log('[prepare] installing Debian chromium with apt');
  if (aptInstall(['chromium'])) {
    const found = SYSTEM_CHROMIUMS.find((p) => existsSync(p));
    if (found) return found;
  }
  throw new Error('No Chromium available: set CHROMIUM_PATH, or install chromium');
}

/**
 * The other engines the widget is checked in (e2e/engines/). Each is Debian's own package,
 * installed with apt when missing (as root). Each ensure* returns what the tests need to
 * start the engine, or `{ missing: reason }`; prepare.mjs decides whether that is fatal.
 */
const FIREFOXES = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];

function firstLine(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 30_000 });
  return r.status === 0 ? (r.stdout.trim().split('\n')[0] ?? '') : '';
}

/** Firefox ESR, driven by Playwright over WebDriver-BiDi (Playwright's own Firefox is a patched build we cannot download here). */
export function ensureFirefox() {
  const found = () => [process.env.FIREFOX_PATH, ...FIREFOXES].find((p) => p && existsSync(p)) ?? null;
  if (!found()) {
    console.log('[prepare] Firefox missing: installing firefox-esr with apt');
    aptInstall(['firefox-esr']);
  }
  const executablePath = found();
  if (!executablePath)
    return { missing: 'firefox-esr is not installed (Debian: apt-get install firefox-esr, as root)' };
  // "Mozilla Firefox 153.7.0esr"
  return { executablePath, version: firstLine(executablePath, ['--version']).replace(/^Mozilla Firefox\s*/, '') };
}

/** MiniBrowser ships inside libwebkit2gtk-4.1-0, under the multiarch library folder. */
function miniBrowser() {
  const multiarch =
    firstLine('dpkg-architecture', ['-qDEB_HOST_MULTIARCH']) ||
    `${process.arch === 'arm64' ? 'aarch64' : 'x86_64'}-linux-gnu`;
  const path = `/usr/lib/${multiarch}/webkit2gtk-4.1/MiniBrowser`;
  return existsSync(path) ? path : null;
}

/**
 * WebKitGTK: MiniBrowser driven by WebKitWebDriver (selenium-webdriver), on an Xvfb display.
 * It is WebKit's engine with GStreamer media, not Safari.
 */
export function ensureWebKit() {
  const found = () => ({ driver: which('WebKitWebDriver'), binary: miniBrowser(), xvfb: which('Xvfb') });
  let tools = found();
  if (!tools.driver || !tools.binary || !tools.xvfb) {
    console.log('[prepare] WebKitGTK missing: installing webkit2gtk-driver and xvfb with apt');
    aptInstall(['webkit2gtk-driver', 'xvfb']);
    tools = found();
  }
  const absent = Object.entries(tools)
    .filter(([, path]) => !path)
    .map(([name]) => name);
  if (absent.length > 0)
    return { missing: `${absent.join(', ')} not found (Debian: apt-get install webkit2gtk-driver xvfb, as root)` };
  const version = firstLine('dpkg-query', ['-W', '-f=${Version}', 'libwebkit2gtk-4.1-0']);
  return { ...tools, version };
}
