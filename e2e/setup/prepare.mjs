// One step before the tests: a Chromium, ffmpeg, the camera clips, redis-server for the server
// tests, and the other engines the widget is checked in (Firefox ESR, WebKitGTK: e2e/engines/).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildClips } from './clips.mjs';
import { ensureChromium, ensureFfmpeg, ensureFirefox, ensureRedis, ensureWebKit } from './system.mjs';

const cache = join(dirname(fileURLToPath(import.meta.url)), '..', '.cache');
mkdirSync(cache, { recursive: true });

const executablePath = await ensureChromium();
writeFileSync(join(cache, 'browser.json'), JSON.stringify({ executablePath }, null, 2));
console.log(`[prepare] browser: ${executablePath ?? "Playwright's own Chromium"}`);

ensureFfmpeg();
const clips = buildClips();
console.log(`[prepare] ${Object.keys(clips).length} camera clips ready`);

console.log(`[prepare] redis-server: ${ensureRedis()}`);

// Read by e2e/engines/availability.ts. A missing engine fails CI here, before anything runs;
// elsewhere the engine's checks are skipped and the suite says so.
const engines = { firefox: ensureFirefox(), webkit: ensureWebKit() };
writeFileSync(join(cache, 'engines.json'), JSON.stringify(engines, null, 2));
for (const [name, found] of Object.entries(engines)) {
  console.log(
    `[prepare] ${name}: ${'missing' in found ? `MISSING (${found.missing})` : `${found.version} (${found.executablePath ?? found.binary})`}`,
  );
}
const missing = Object.entries(engines).filter(([, found]) => 'missing' in found);
if (process.env.CI && missing.length > 0) {
  throw new Error(
    `engines missing in CI: ${missing.map(([name]) => name).join(', ')} (run this as root, with apt, to install them)`,
  );
}
