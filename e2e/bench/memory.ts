/**
 * The memory half of `npm run bench:guidance`: what guidance costs a phone's tab. Chromium's
 * fake camera plays an MJPEG clip (a far face, so guidance keeps running; a placed face, for a
 * capture) at 1920x1080 and at 1280x720; the page is the benchmark page in a 390x844
 * viewport. The renderer's resident memory is read from /proc for every renderer process the
 * browser reports (the dedicated worker lives in the page's renderer), and the worker says
 * what its models hold (live tensors, the WASM heap) with every analysed frame.
 */
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { clipPath } from '../setup/clips.mjs';
import type { BenchMarks } from './page/main.tsx';
import { applyProfile, type Profile } from './profiles.ts';

const MiB = 1024 * 1024;
/** Guidance runs this long before its figure is read (the trial ran 20 s). */
const GUIDANCE_MS = 20_000;

/** One renderer allocator's size (Chromium's memory-infra names: cc/image_memory, v8/workers, …), MiB. */
export interface AllocatorSize {
  name: string;
  mib: number;
}

export interface MemoryFigures {
  blank: number;
  /** Widget mounted and idle, analysis preloaded (worker and models in). */
  idle: number;
  /** The same widget with its camera on and no analysis (its assets missing): what the camera alone costs. */
  cameraOnly: number;
  /** After 20 s of guidance on a far face: the figure read, and the highest sampled on the way. */
  guidance: number;
  guidancePeak: number;
  /** After an auto-capture of a placed face (the camera off, the still kept). */
  afterCapture: number;
  tensors: number | null;
  tensorBytes: number | null;
  wasmHeap: number | null;
  /** The renderer's allocators that grew most from idle to 20 s of guidance (how the figure was explained). */
  parts: AllocatorSize[];
}

/** Each allocator's growth from `before` to `after`, largest first. */
export function grown(before: readonly AllocatorSize[], after: readonly AllocatorSize[], limit = 6): AllocatorSize[] {
  return after
    .map((a) => ({ name: a.name, mib: a.mib - (before.find((b) => b.name === a.name)?.mib ?? 0) }))
    .filter((a) => a.mib >= 1)
    .sort((a, b) => b.mib - a.mib)
    .slice(0, limit);
}

interface TraceEvent {
  ph?: string;
  pid?: number;
  args?: { dumps?: { allocators?: Record<string, { attrs?: { size?: { value?: string } } }> } };
}

/**
 * Chromium's own account of a process's memory by allocator, from a memory-infra dump (what
 * chrome://tracing shows). The renderer is the process with Blink's heap in it.
 */
async function rendererParts(browserCdp: CDPSession, limit = 6): Promise<AllocatorSize[]> {
  const events: TraceEvent[] = [];
  const collect = (e: { value: TraceEvent[] }) => events.push(...e.value);
  browserCdp.on('Tracing.dataCollected', collect);
  const complete = new Promise<void>((resolve) => browserCdp.once('Tracing.tracingComplete', () => resolve()));
  try {
    await browserCdp.send('Tracing.start', {
      traceConfig: { includedCategories: ['disabled-by-default-memory-infra'] },
      transferMode: 'ReportEvents',
    });
    await browserCdp.send('Tracing.requestMemoryDump', { levelOfDetail: 'detailed' });
    await browserCdp.send('Tracing.end');
    await complete;
  } finally {
    browserCdp.off('Tracing.dataCollected', collect);
  }
  for (const e of events) {
    const allocators = e.ph === 'v' ? e.args?.dumps?.allocators : undefined;
    if (!allocators || !('blink_gc' in allocators)) continue;
    // Second-level accounts (v8/workers, cc/video_memory…), with per-buffer entries
    // (shared_memory/<id>, discardable/segment_n) summed under their parent and
    // allocated_objects left out (it is a part of its partition's size).
    const sizes = new Map<string, number>();
    for (const [name, dump] of Object.entries(allocators)) {
      const [top = name, second] = name.split('/');
      if (second === undefined || second === 'allocated_objects' || name.split('/').length > 2) continue;
      const key = top === 'shared_memory' || top === 'discardable' ? top : name;
      sizes.set(key, (sizes.get(key) ?? 0) + parseInt(dump.attrs?.size?.value ?? '0', 16) / MiB);
    }
    return [...sizes]
      .map(([name, mib]) => ({ name, mib }))
      .filter((a) => a.mib >= 1)
      .sort((a, b) => b.mib - a.mib)
      .slice(0, limit);
  }
  return [];
}

/** Resident memory of every renderer process, MiB (the page's, the worker's and any spare). */
export async function rendererRss(browserCdp: CDPSession): Promise<number> {
  const info = (await browserCdp.send('SystemInfo.getProcessInfo')) as {
    processInfo: Array<{ type: string; id: number }>;
  };
  let bytes = 0;
  for (const p of info.processInfo) {
    if (p.type !== 'renderer') continue;
    try {
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p.id}/status`, 'utf8'))?.[1];
      bytes += Number(kb ?? 0) * 1024;
    } catch {
      // The process ended between the list and the read (a spare renderer): nothing to count.
    }
  }
  return bytes / MiB;
}

async function settle(page: Page, cdp: CDPSession, browserCdp: CDPSession): Promise<number> {
  await page.waitForTimeout(1500);
  await cdp.send('HeapProfiler.collectGarbage').catch(() => undefined);
  await page.waitForTimeout(500);
  return rendererRss(browserCdp);
}

async function launch(
  executablePath: string | undefined,
  clip: string,
): Promise<{ browser: Browser; browserCdp: CDPSession }> {
  const browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${clip}`,
      // No spare renderer kept warm: every renderer counted is the page's.
      '--disable-features=SpareRendererForSitePerProcess',
    ],
  });
  return { browser, browserCdp: await browser.newBrowserCDPSession() };
}

async function openPage(browser: Browser, profile: Profile): Promise<{ page: Page; cdp: CDPSession }> {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const cdp = await applyProfile(page, profile);
  await cdp.send('HeapProfiler.enable');
  return { page, cdp };
}

const bench = (page: Page): Promise<BenchMarks> => page.evaluate(() => window.__bench);

async function startCamera(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Start camera' }).click({ timeout: 60_000 });
}

/** Blank, idle, 20 s of guidance on the far face, with the worker's last memory reading. */
async function guidanceRun(url: string, profile: Profile, clip: string, executablePath: string | undefined) {
  const { browser, browserCdp } = await launch(executablePath, clip);
  try {
    const { page, cdp } = await openPage(browser, profile);
    await page.goto('about:blank');
    const blank = await settle(page, cdp, browserCdp);
    await page.goto(`${url}?manual`);
    await page.waitForFunction(() => window.__bench.analysis !== 'loading', null, { timeout: 180_000 });
    const idle = await settle(page, cdp, browserCdp);
    const idleParts = await rendererParts(browserCdp, 40).catch(() => []);
    await startCamera(page);
    await page.waitForFunction(() => window.__bench.firstHint !== null, null, { timeout: 120_000 });
    let peak = 0;
    const end = Date.now() + GUIDANCE_MS;
    while (Date.now() < end) {
      await page.waitForTimeout(1000);
      peak = Math.max(peak, await rendererRss(browserCdp));
    }
    const guidance = await rendererRss(browserCdp);
    const { memory } = await bench(page);
    const parts = grown(idleParts, await rendererParts(browserCdp, 40).catch(() => []));
    return { blank, idle, guidance, guidancePeak: Math.max(peak, guidance), memory, parts };
  } finally {
    await browser.close();
  }
}

/** The widget's camera with no analysis: what the preview and the frame grabs cost without the worker. */
async function cameraOnlyRun(url: string, profile: Profile, clip: string, executablePath: string | undefined) {
  const { browser, browserCdp } = await launch(executablePath, clip);
  try {
    const { page, cdp } = await openPage(browser, profile);
    await page.goto(`${url}?manual&baseline`);
    await startCamera(page);
    await page.waitForFunction(() => window.__bench.firstFrame !== null, null, { timeout: 60_000 });
    await page.waitForTimeout(GUIDANCE_MS / 2);
    return await settle(page, cdp, browserCdp);
  } finally {
    await browser.close();
  }
}

async function captureRun(
  url: string,
  profile: Profile,
  clip: string,
  executablePath: string | undefined,
): Promise<number> {
  const { browser, browserCdp } = await launch(executablePath, clip);
  try {
    const { page, cdp } = await openPage(browser, profile);
    await page.goto(`${url}?manual`);
    await startCamera(page);
    await page.waitForFunction(() => window.__bench.capture !== null, null, { timeout: 120_000 });
    return await settle(page, cdp, browserCdp);
  } finally {
    await browser.close();
  }
}

export const CAMERAS = {
  '1080p': { far: 'small', placed: 'compliant' },
  '720p': { far: 'small720', placed: 'compliant720' },
} as const;
export type CameraName = keyof typeof CAMERAS;

export async function measureMemory(
  url: string,
  profile: Profile,
  camera: CameraName,
  executablePath: string | undefined,
): Promise<MemoryFigures> {
  const clips = CAMERAS[camera];
  const run = await guidanceRun(url, profile, clipPath(clips.far), executablePath);
  const cameraOnly = await cameraOnlyRun(url, profile, clipPath(clips.far), executablePath);
  const afterCapture = await captureRun(url, profile, clipPath(clips.placed), executablePath);
  return {
    blank: run.blank,
    idle: run.idle,
    cameraOnly,
    guidance: run.guidance,
    guidancePeak: run.guidancePeak,
    afterCapture,
    tensors: run.memory?.tensors ?? null,
    tensorBytes: run.memory?.tensorBytes ?? null,
    wasmHeap: run.memory?.wasmHeapBytes ?? null,
    parts: run.parts,
  };
}

const mb = (v: number): string => `${Math.round(v)} MB`;
const over = (v: number, base: number): string => `${v >= base ? '+' : ''}${Math.round(v - base)} MB`;

/** The rows printed per profile and camera (MB = MiB of resident memory). */
export function memoryRows(f: MemoryFigures): Record<string, string> {
  return {
    'renderer: blank page': mb(f.blank),
    'renderer: widget idle, analysis preloaded': `${mb(f.idle)} (${over(f.idle, f.blank)} over blank)`,
    'renderer: camera on, no analysis': `${mb(f.cameraOnly)} (${over(f.cameraOnly, f.idle)} over idle)`,
    'renderer: 20 s of guidance (over idle; target ≤ 150 MB at 1080p, ≤ 100 MB at 720p)': `${mb(f.guidance)} (${over(f.guidance, f.idle)})`,
    'renderer: highest during guidance': `${mb(f.guidancePeak)} (${over(f.guidancePeak, f.idle)})`,
    'renderer: after a capture': `${mb(f.afterCapture)} (${over(f.afterCapture, f.idle)})`,
    'worker: live tensors / their bytes':
      f.tensors === null ? '–' : `${f.tensors} / ${((f.tensorBytes ?? 0) / MiB).toFixed(1)} MB`,
    'worker: WASM heap': f.wasmHeap === null ? '–' : mb(f.wasmHeap / MiB),
    'renderer: what grew from idle to guidance (Chromium allocators, MB)':
      f.parts.map((p) => `${p.name} +${Math.round(p.mib)}`).join(', ') || '–',
  };
}
