/**
 * `npm run bench:guidance [--profile unthrottled|mobile] [--only timing|memory]`: the guidance figures, measured on a
 * production build in headless Chromium with a scripted camera (1920x1080 at 30 fps), served
 * precompressed with hashed names cached (e2e/bench/serve.ts), under each device profile
 * (e2e/bench/profiles.ts; both unless one is named). Prints figures; asserts nothing.
 * Two scripts per run: a well-placed face from the start (navigation → auto-capture, the figure
 * a person lives, and the bytes before it), then a far face that comes closer (first hint,
 * frame rate, compliant → capture, second visit). Then memory (memory.ts) for each profile,
 * with a 1080p and a 720p camera. Targets: mobile well-placed capture ≤ 5 s
 * after ≤ 600 KiB; unthrottled ≤ 1.2 s; mobile ≥ 12 analysed fps; a second visit downloads no
 * model bytes.
 */
import { chromium, type Browser, type BrowserContext, type Page, type Request } from '@playwright/test';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { build } from 'vite';
import { buildClips } from '../setup/clips.mjs';
import { ensureChromium, ensureFfmpeg } from '../setup/system.mjs';
import { installScriptedCamera, setScene } from '../support/scripted-camera.ts';
import type { BenchMarks } from './page/main.tsx';
import { CAMERAS, measureMemory, memoryRows, type CameraName } from './memory.ts';
import { applyProfile, profilesFromArgs, type Profile } from './profiles.ts';
import { serveBuild, type BenchServer } from './serve.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const outDir = join(repo, 'e2e', '.cache', 'bench-dist');
const PORT = Number(process.env.BENCH_PORT ?? 5290);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)] ?? NaN) : NaN;
};
const ms = (v: number | null | undefined): string =>
  v === null || v === undefined || Number.isNaN(v) ? '–' : `${Math.round(v)} ms`;
const kib = (v: number): string => (Number.isNaN(v) ? '–' : `${(v / 1024).toFixed(0)} KiB`);

interface Run {
  /** A well-placed face from the start: navigation → auto-capture, and bytes before it. */
  placedCapture: number | null;
  bytesBeforePlacedCapture: number;
  firstFrame: number | null;
  detectorReady: number | null;
  analysisReady: number | null;
  firstHint: number | null;
  firstHintCode: string | null;
  compliantToCapture: number | null;
  fps: number;
  analysisMs: number;
  /** Main-thread long tasks in the 3 s of guidance before the face comes closer. */
  longTasks: number;
  longestTask: number;
  bytesBeforeDetector: number;
  bytesBeforeHint: number;
  requestsBeforeHint: number;
  /** The same page again in the same browser: what it downloads, and of that the models and WASM. */
  secondVisitBytes: number;
  secondVisitModelBytes: number;
}

/**
 * Bytes as sent by the server, matched to the browser's finished requests in order: a request
 * the HTTP cache answered never reached the server and counts 0.
 */
function transferLog(context: BrowserContext, server: BenchServer) {
  const finished: Array<{ path: string; at: number }> = [];
  context.on('requestfinished', (request: Request) => {
    const url = new URL(request.url());
    // The test harness's own fixture is not the widget's download.
    if (url.pathname.startsWith('/__e2e/') || url.origin !== new URL(server.url).origin) return;
    finished.push({ path: url.pathname, at: Date.now() });
    if (process.env.BENCH_DEBUG) {
      const t = request.timing();
      console.log(
        `[timing] ${url.pathname} start ${Math.round(t.startTime)} end ${Math.round(t.startTime + t.responseEnd)}`,
      );
    }
  });
  const serverFrom = server.sent.length;
  return {
    finished,
    /** Bytes of the requests the browser had finished by `wall` (Date.now()). */
    before(wall: number): { bytes: number; requests: number } {
      const queue = server.sent.slice(serverFrom).map((s) => ({ ...s }));
      let bytes = 0;
      let requests = 0;
      for (const f of finished) {
        if (f.at > wall) continue;
        const i = queue.findIndex((s) => s.path === f.path);
        const b = i >= 0 ? (queue.splice(i, 1)[0]?.bytes ?? 0) : 0;
        if (process.env.BENCH_DEBUG) console.log(`[bytes] ${f.path} ${b}`);
        bytes += b;
        requests++;
      }
      return { bytes, requests };
    },
  };
}

async function visit(context: BrowserContext, server: BenchServer, profile: Profile) {
  const page = await context.newPage();
  await applyProfile(page, profile);
  // A face too far away first: the first hint is a real instruction.
  // Its still as a data URL: no routing (which would turn off the HTTP cache the second visit
  // is about), and no camera bytes competing with the widget's on the throttled link.
  await installScriptedCamera(page, { scale: 1.6 }, undefined, {}, 'inline');
  if (process.env.BENCH_DEBUG) page.on('console', (m) => console.log(`[page] ${m.type()} ${m.text()}`));
  await page.goto(server.url);
  await page.waitForFunction(
    () => window.__bench.firstHint !== null || window.__bench.analysis === 'unavailable',
    null,
    { timeout: 180_000 },
  );
  return page;
}

/**
 * The figure a person lives: the face well placed in front of the camera from the start, a
 * first visit (cold cache), navigation → the capture taken by itself. Page times count from
 * navigation (performance.now()'s origin).
 */
async function placed(
  browser: Browser,
  server: BenchServer,
  profile: Profile,
): Promise<{ capture: number | null; bytes: number }> {
  const context = await browser.newContext();
  try {
    const log = transferLog(context, server);
    const page = await context.newPage();
    await applyProfile(page, profile);
    await installScriptedCamera(page, { scale: 3.2 }, undefined, {}, 'inline');
    await page.goto(server.url);
    await page
      .waitForFunction(() => window.__bench.capture !== null, null, { timeout: 120_000 })
      .catch(() => undefined);
    const m: BenchMarks = await page.evaluate(() => window.__bench);
    const bytes = m.capture === null ? Number.NaN : log.before(await wallOf(page, m.capture)).bytes;
    await page.close();
    return { capture: m.capture, bytes };
  } finally {
    await context.close();
  }
}

const wallOf = (page: Page, at: number | null) =>
  at === null ? Promise.resolve(Number.NaN) : page.evaluate((t) => Date.now() - (performance.now() - t), at);

async function once(browser: Browser, server: BenchServer, profile: Profile): Promise<Run> {
  const first = await placed(browser, server, profile);
  const context = await browser.newContext();
  try {
    const log = transferLog(context, server);
    const page = await visit(context, server, profile);
    const early = await page.evaluate(() => window.__bench);
    const hintWall = await wallOf(page, early.firstHint);
    const detectorWall = await wallOf(page, early.detectorReady);
    // Let guidance run for a while at this distance, for the frame rate and the long tasks.
    const windowStart = await page.evaluate(() => performance.now());
    await page.waitForTimeout(3000);
    const windowEnd = await page.evaluate(() => performance.now());
    await setScene(page, { scale: 3.2 });
    const compliantAt = await page.evaluate(() => performance.now());
    await page.waitForFunction(() => window.__bench.capture !== null, null, { timeout: 60_000 }).catch(() => undefined);
    const m: BenchMarks = await page.evaluate(() => window.__bench);
    await page.close();
    const during = m.longTasks.filter((t) => t.start >= windowStart && t.start <= windowEnd);
    const rel = (v: number | null) => (v === null ? null : v - m.mount);
    const beforeHint = log.before(hintWall);

    // The second visit: same browser, same cache.
    const serverFrom = server.sent.length;
    const again = await visit(context, server, profile);
    await again.close();
    const second = server.sent.slice(serverFrom);
    return {
      placedCapture: first.capture,
      bytesBeforePlacedCapture: first.bytes,
      firstFrame: rel(m.firstFrame),
      detectorReady: rel(m.detectorReady),
      analysisReady: rel(m.analysisReady),
      firstHint: rel(m.firstHint),
      firstHintCode: m.firstHintCode,
      compliantToCapture: m.capture === null ? null : m.capture - compliantAt,
      fps: median(m.fps),
      analysisMs: median(m.analysisMs),
      longTasks: during.length,
      longestTask: Math.max(0, ...during.map((t) => t.duration)),
      bytesBeforeDetector: log.before(detectorWall).bytes,
      bytesBeforeHint: beforeHint.bytes,
      requestsBeforeHint: beforeHint.requests,
      secondVisitBytes: second.reduce((s, x) => s + x.bytes, 0),
      secondVisitModelBytes: second
        .filter((x) => x.path.startsWith('/okaylive-assets/'))
        .reduce((s, x) => s + x.bytes, 0),
    };
  } finally {
    await context.close();
  }
}

function summary(profile: Profile, runs: Run[]): Record<string, string> {
  const pick = (f: (r: Run) => number | null) => median(runs.map(f).filter((v): v is number => v !== null));
  return {
    'well-placed face: navigation → auto-capture': ms(pick((r) => r.placedCapture)),
    'well-placed face: transferred before that capture': kib(pick((r) => r.bytesBeforePlacedCapture)),
    'mount → first preview frame': ms(pick((r) => r.firstFrame)),
    'mount → detector ready': ms(pick((r) => r.detectorReady)),
    'mount → analysis ready (detector and landmarks in)': ms(pick((r) => r.analysisReady)),
    'mount → first hint, as the widget shows it': ms(pick((r) => r.firstHint)),
    'compliant face → capture': ms(pick((r) => r.compliantToCapture)),
    'analysed frames per second': pick((r) => r.fps).toFixed(1),
    'analysis per frame in the worker': ms(pick((r) => r.analysisMs)),
    'main-thread long tasks (>50 ms) in 3 s of guidance': String(pick((r) => r.longTasks)),
    'longest of those': ms(pick((r) => r.longestTask)),
    'transferred before the detector is ready': kib(pick((r) => r.bytesBeforeDetector)),
    'transferred before the first hint': `${kib(pick((r) => r.bytesBeforeHint))} in ${pick((r) => r.requestsBeforeHint)} requests`,
    'second visit: transferred / of it models and WASM': `${kib(pick((r) => r.secondVisitBytes))} / ${kib(pick((r) => r.secondVisitModelBytes))}`,
    profile: profile.network
      ? `CPU ${profile.cpuSlowdown}x, ${profile.network.latency} ms RTT, ${(profile.network.downloadThroughput * 8) / 1e6} Mbps down`
      : 'none',
  };
}

const profiles = profilesFromArgs(process.argv.slice(2));
// --only timing | --only memory: one half of the benchmark (both by default).
const only = /--only[= ](timing|memory)/.exec(process.argv.slice(2).join(' '))?.[1] ?? null;
const executablePath = (await ensureChromium()) ?? undefined;
const load = loadavg()
  .map((v) => v.toFixed(1))
  .join(' ');
// BENCH_REUSE=1: measure the last build again (when only the measuring changed).
if (process.env.BENCH_REUSE !== '1') {
  console.log('[bench] building the benchmark page (production)…');
  await build({
    configFile: join(repo, 'vite.config.ts'),
    root: join(here, 'page'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
}
const server = await serveBuild(outDir, PORT);
const browser = await chromium.launch({
  ...(executablePath ? { executablePath } : {}),
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--no-first-run',
    '--use-fake-ui-for-media-stream',
  ],
});
try {
  const tables: Record<string, Record<string, string>> = {};
  const broken: string[] = [];
  for (const profile of only === 'memory' ? [] : profiles) {
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await once(browser, server, profile);
      runs.push(r);
      // A run whose far face was not seen as a face, or whose compliant face was never captured,
      // measured a broken set-up (the camera's still not served, say), not the widget.
      if (r.firstHintCode === 'FACE_NOT_FOUND' || r.compliantToCapture === null || r.placedCapture === null) {
        const taken = (v: number | null) => (v === null ? 'never' : 'taken');
        broken.push(
          `${profile.name} run ${i + 1}: first hint ${r.firstHintCode ?? 'none'}, capture ${taken(r.compliantToCapture)}, well-placed capture ${taken(r.placedCapture)}`,
        );
      }
      console.log(
        `[bench] ${profile.name} run ${i + 1}: well-placed navigation→capture ${ms(r.placedCapture)} after ${kib(r.bytesBeforePlacedCapture)}, preview ${ms(r.firstFrame)}, detector ${ms(r.detectorReady)}, ready ${ms(r.analysisReady)}, first hint ${ms(r.firstHint)} (${r.firstHintCode}), ` +
          `compliant→capture ${ms(r.compliantToCapture)}, ${r.fps.toFixed(1)} fps (${ms(r.analysisMs)}/frame), long tasks ${r.longTasks}, ` +
          `${kib(r.bytesBeforeDetector)} before the detector, ${kib(r.bytesBeforeHint)} in ${r.requestsBeforeHint} requests before the first hint, second visit ${kib(r.secondVisitBytes)} (models ${kib(r.secondVisitModelBytes)})`,
      );
    }
    tables[profile.name] = summary(profile, runs);
  }
  if (only !== 'memory') printTimings(tables);
  if (only !== 'timing') await printMemory();
  if (broken.length > 0) {
    console.error(
      `[bench] these runs did not see the scripted face as expected, so their figures mean little:\n  ${broken.join('\n  ')}`,
    );
    process.exitCode = 1;
  }
} finally {
  await browser.close();
  await server.close();
}

function printTimings(tables: Record<string, Record<string, string>>): void {
  console.log(
    `\nguidance benchmark (median of ${RUNS} runs per profile; headless Chromium, scripted 1920x1080 camera at 30 fps, production build served precompressed)`,
  );
  console.log(
    `machine: ${cpus().length} cores, load average at start ${load} (anything else running slows every figure)`,
  );
  const rows = Object.keys(Object.values(tables)[0] ?? {});
  console.table(
    Object.fromEntries(
      rows.map((row) => [row, Object.fromEntries(Object.entries(tables).map(([p, t]) => [p, t[row] ?? '–']))]),
    ),
  );
}

/** Memory: one browser per camera and step (Chromium's fake camera plays a clip per launch). */
async function printMemory(): Promise<void> {
  ensureFfmpeg();
  buildClips();
  const columns: Record<string, Record<string, string>> = {};
  for (const profile of profiles) {
    for (const camera of Object.keys(CAMERAS) as CameraName[]) {
      console.log(`[bench] memory: ${profile.name}, ${camera} camera…`);
      columns[`${profile.name} ${camera}`] = memoryRows(
        await measureMemory(server.url, profile, camera, executablePath),
      );
    }
  }
  console.log(
    `\nguidance memory (resident memory of Chromium's renderer, MB = MiB; fake camera playing an MJPEG clip at 10 fps; 390x844 viewport)`,
  );
  const rows = Object.keys(Object.values(columns)[0] ?? {});
  console.table(
    Object.fromEntries(
      rows.map((row) => [row, Object.fromEntries(Object.entries(columns).map(([c, t]) => [c, t[row] ?? '–']))]),
    ),
  );
}
