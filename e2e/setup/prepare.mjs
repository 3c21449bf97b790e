// One step before the tests: a Chromium, ffmpeg, the camera clips, and redis-server for the server tests.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildClips } from './clips.mjs';
import { ensureChromium, ensureFfmpeg, ensureRedis } from './system.mjs';

const cache = join(dirname(fileURLToPath(import.meta.url)), '..', '.cache');
mkdirSync(cache, { recursive: true });

const executablePath = await ensureChromium();
writeFileSync(join(cache, 'browser.json'), JSON.stringify({ executablePath }, null, 2));
console.log(`[prepare] browser: ${executablePath ?? "Playwright's own Chromium"}`);

ensureFfmpeg();
const clips = buildClips();
console.log(`[prepare] ${Object.keys(clips).length} camera clips ready`);

console.log(`[prepare] redis-server: ${ensureRedis()}`);
