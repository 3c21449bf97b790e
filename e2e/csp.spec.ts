import type { Page } from '@playwright/test';
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { expect, test as base } from './support/fixtures.ts';

/**
 * The built client under the production server (`src/server/main.ts`, which
 * sends a strict Content-Security-Policy): no secret in the build, and the demo and the
 * plain-HTML onboarding page run the whole flow with no CSP violation.
 *
 * The build is made here, once per worker, with canary credentials and a canary upstream
 * address in the environment, so a leak of either into the client is caught by name.
 */

const CANARY = {
  OKAYLIVE_BASE_URL: 'https://canary-upstream-7d41.invalid',
  OKAYLIVE_USERNAME: 'canary-user-3f9a0c',
  OKAYLIVE_PASSWORD: 'canary-pass-b81e57',
};
const PORT = Number(process.env.E2E_PORT ?? 5199) + 2;
const DIST = join('e2e', '.cache', `csp-dist-${PORT}`);

interface Production {
  url: string;
  dist: string;
}

async function waitHealthy(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`production server exited: ${log()}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`production server not healthy: ${log()}`);
}

const test = base.extend<object, { production: Production }>({
  production: [
    async ({}, use) => {
      await promisify(execFile)('npx', ['vite', 'build', '--outDir', DIST, '--emptyOutDir', '--logLevel', 'error'], {
        env: { ...process.env, ...CANARY },
        maxBuffer: 16 * 1024 * 1024,
      });
      // The server itself runs without the canaries: the reference engine, as in the demo.
      const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OKAYLIVE_')));
      let output = '';
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
        env: { ...env, PORT: String(PORT), HOST: 'localhost', OKAYLIVE_STATIC_DIR: DIST },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
      const url = `http://localhost:${PORT}`;
      try {
        await waitHealthy(url, child, () => output.slice(-2000));
        await use({ url, dist: DIST });
      } finally {
        child.kill('SIGTERM');
        await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      }
    },
    { scope: 'worker', timeout: 240_000 },
  ],
});

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

test('the built client carries no credential, upstream address or secret', async ({ production }) => {
  const forbidden: Array<[string, RegExp]> = [
    ['canary upstream address', /canary-upstream-7d41/],
    ['canary username', /canary-user-3f9a0c/],
    ['canary password', /canary-pass-b81e57/],
    ["Innov8tif's hosts", /ekycportal(demo)?\.innov8tif\.com|innov8tif\.com/i],
    ['server configuration names', /OKAYLIVE_(USERNAME|PASSWORD|BASE_URL)/],
    ['a private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
    ['an AWS access key', /\bAKIA[0-9A-Z]{16}\b/],
    ['a credential in JSON', /"(password|username|apiKey|secret)"\s*:\s*"[^"]+"/i],
  ];
  const scanned = files(production.dist).filter((f) => /\.(js|mjs|html|css|map|json|txt|webmanifest)$/.test(f));
  expect(scanned.some((f) => f.endsWith('.js'))).toBe(true);
  const found: string[] = [];
  for (const file of scanned) {
    const text = readFileSync(file, 'utf8');
    for (const [what, pattern] of forbidden)
      if (pattern.test(text)) found.push(`${relative(production.dist, file)}: ${what}`);
    // Source maps must not carry the server's source either.
    if (file.endsWith('.map')) {
      const sources = (JSON.parse(text) as { sources?: string[] }).sources ?? [];
      for (const source of sources)
        if (/src\/server\//.test(source)) found.push(`${relative(production.dist, file)}: server source ${source}`);
    }
  }
  expect(found).toEqual([]);
});

/** Records CSP violations: the DOM event in the page, and the browser's own console reports (page and workers). */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  const console: string[] = [];
  page.on('console', (message) => {
    if (
      /Content Security Policy|Refused to (load|execute|apply|compile|create|connect|evaluate|frame)/i.test(
        message.text(),
      )
    )
      console.push(message.text());
  });
  page.on('pageerror', (error) => {
    if (/Content Security Policy|unsafe-eval|unsafe-inline/i.test(error.message)) console.push(error.message);
  });
  return async () => [...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)), ...console];
}

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name = '', ...values]) => [name, values]),
  );
}

test('the production server sends a strict CSP', async ({ production, request }) => {
  for (const path of ['/', '/onboarding.html', '/okaylive/okaylive-capture.js']) {
    const csp = (await request.get(`${production.url}${path}`)).headers()['content-security-policy'] ?? '';
    const parsed = directives(csp);
    expect(parsed.size, `${path} has a CSP`).toBeGreaterThan(3);
    expect(csp).not.toContain("'unsafe-inline'");
    expect(csp).not.toMatch(/(^|[\s])'unsafe-eval'/);
    expect(parsed.get('object-src')).toEqual(["'none'"]);
    for (const [name, values] of parsed) {
      // WebAssembly compilation is the only eval-like power, and only for scripts.
      if (values.includes("'wasm-unsafe-eval'")) expect(name).toBe('script-src');
      expect(values, `${name} allows no wildcard host`).not.toContain('*');
    }
  }
});

test('the detector sees a violation (so an empty list means something)', async ({ production, page }) => {
  const violations = await watchCsp(page);
  await page.goto(`${production.url}/`);
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inline = 1';
    document.head.append(script);
  });
  await expect.poll(violations).not.toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __inline?: number }).__inline)).toBeUndefined();
});

test('the demo runs the whole flow under the CSP: guidance (WASM in a worker), capture, verdict', async ({
  production,
  page,
}) => {
  test.setTimeout(120_000);
  const violations = await watchCsp(page);
  await page.goto(`${production.url}/`);
  const widget = page.locator('.okl-root');
  await widget.getByRole('button', { name: 'Start camera' }).click();
  // No manual click: only a working analysis (WASM compiled under the CSP) captures by itself.
  await expect(widget).toHaveAttribute('data-state', 'result', { timeout: 90_000 });
  await expect(widget.locator('img.okl-thumbnail')).toBeVisible();
  expect(await violations()).toEqual([]);
});

test('the plain-HTML onboarding page runs the whole flow under the CSP', async ({ production, page }) => {
  test.setTimeout(120_000);
  const violations = await watchCsp(page);
  await page.goto(`${production.url}/onboarding.html`);
  const widget = page.locator('okaylive-capture .okl-root');
  await widget.getByRole('button', { name: 'Start camera' }).click();
  await expect(widget).toHaveAttribute('data-state', 'result', { timeout: 90_000 });
  await expect(page.locator('#bank-events li').first()).toBeVisible();
  expect(await violations()).toEqual([]);
});
