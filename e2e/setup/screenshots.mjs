/**
 * `npm run screenshots`: runs the console e2e tests with OKL_SCREENSHOTS_DIR set, so the
 * screenshots they take at each checked moment land in docs/screenshots/ (committed, quoted
 * by docs/INTEGRATION.md). Run `node e2e/setup/prepare.mjs` once first (browser, camera clips).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../../docs/screenshots', import.meta.url));
const result = spawnSync('npx', ['playwright', 'test', '--project', 'console', '--retries', '1'], {
  stdio: 'inherit',
  env: { ...process.env, OKL_SCREENSHOTS_DIR: dir },
  shell: process.platform === 'win32',
});
process.exit(result.status ?? 1);
