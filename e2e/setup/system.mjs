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
  const install = () => spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env }).status === 0;
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

const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome'];

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
