/**
 * npm run bench:server — the reference engine under load, on loopback.
 *
 * 1. Single requests: sequential uploads of a 960x1280 portrait JPEG, p50/p95 latency.
 * 2. Load: 50 concurrent clients uploading a ~300 KB portrait JPEG for 20 s, each waiting for
 *    its answer before sending the next; throughput, p50/p95/p99 latency, answers by kind,
 *    peak memory of the server process.
 * Prints figures; exits non-zero only if a request was lost or got an unexpected answer.
 * BENCH_CONCURRENCY, BENCH_SECONDS and BENCH_SINGLE override the defaults.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { selfieJpeg } from '../testing/images.ts';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const SINGLE = Number(process.env.BENCH_SINGLE ?? 40);

interface Sample {
  ms: number;
  kind: string;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const fmt = (ms: number): string => `${Math.round(ms)} ms`;

/** A portrait JPEG of about `bytes`: the compliant framing at the JPEG quality that comes closest. */
async function portraitOfSize(bytes: number): Promise<Buffer> {
  let best = await selfieJpeg({ height: 1280, quality: 90 });
  for (let quality = 91; quality <= 100; quality++) {
    const candidate = await selfieJpeg({ height: 1280, quality });
    if (Math.abs(candidate.length - bytes) < Math.abs(best.length - bytes)) best = candidate;
  }
  return best;
}

/** Peak resident memory of a process, from Linux's high-water mark. */
function peakRssMb(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** CPU time a process has used (user + system), ms: what an upload costs whatever else runs. */
function cpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime, fields 14 and 15 of stat (11 and 12 after the command name), in 1/100 s.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

const perUpload = (before: number | null, after: number | null, count: number): string =>
  before === null || after === null ? 'n/a' : `${Math.round((after - before) / count)} ms`;

async function startServer(): Promise<{ url: string; pid: number; stop: () => void }> {
  const entry = fileURLToPath(new URL('./api-server.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: {
      ...process.env,
      OKAYLIVE_LOG: 'off',
      // Load from one address: the per-client journey limit and the per-journey attempt cap
      // would (rightly) refuse it.
      OKAYLIVE_JOURNEY_RATE_PER_MINUTE: '1000000',
      OKAYLIVE_JOURNEY_MAX_ATTEMPTS: '1000000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const port = await new Promise<number>((resolve, reject) => {
    lines.once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
  });
  const pid = child.pid ?? 0;
  return { url: `http://127.0.0.1:${port}`, pid, stop: () => child.kill('SIGTERM') };
}

async function journey(url: string): Promise<string> {
  const r = await fetch(`${url}/api/ekyc/journeyid`, { method: 'POST' });
  return ((await r.json()) as { journeyId: string }).journeyId;
}

async function upload(url: string, image: Buffer, journeyId: string): Promise<Sample> {
  const body = new FormData();
  body.append('imageBest', new Blob([new Uint8Array(image)], { type: 'image/jpeg' }), 'selfie.jpg');
  body.append('journeyId', journeyId);
  const started = performance.now();
  try {
    const r = await fetch(`${url}/api/ekyc/okaylive`, { method: 'POST', body, signal: AbortSignal.timeout(60_000) });
    const json = (await r.json()) as { status?: string; message?: string };
    const kind = r.status === 200 && json.status === 'success' ? 'success' : `${r.status} ${json.message ?? json.status ?? ''}`.trim();
    return { ms: performance.now() - started, kind };
  } catch (error) {
    return { ms: performance.now() - started, kind: `lost (${error instanceof Error ? error.name : 'error'})` };
  }
}

function summarise(samples: Sample[]): { sorted: number[]; kinds: Record<string, number> } {
  const kinds: Record<string, number> = {};
  for (const s of samples) kinds[s.kind] = (kinds[s.kind] ?? 0) + 1;
  return { sorted: samples.map((s) => s.ms).sort((a, b) => a - b), kinds };
}

const [l1, l5] = loadavg();
console.log(`bench:server: reference engine, ${process.env.OKAYLIVE_ANALYSIS_THREADS ?? 'default'} analysis threads, ${cpus().length} cores, load average ${l1?.toFixed(2)} / ${l5?.toFixed(2)} (1/5 min) before start`);
const server = await startServer();
try {
  // 1. Single requests.
  const single = await selfieJpeg({ height: 1280, quality: 92 });
  const id = await journey(server.url);
  for (let i = 0; i < 5; i++) await upload(server.url, single, id);
  const singles: Sample[] = [];
  const cpuBefore = cpuMs(server.pid);
  for (let i = 0; i < SINGLE; i++) singles.push(await upload(server.url, single, id));
  const cpuSingle = perUpload(cpuBefore, cpuMs(server.pid), SINGLE);
  const one = summarise(singles);
  console.log(`\nsingle requests: ${SINGLE} sequential uploads of a 960x1280 JPEG (${Math.round(single.length / 1024)} KB), after 5 warm-up`);
  console.log(`  p50 ${fmt(percentile(one.sorted, 50))}   p95 ${fmt(percentile(one.sorted, 95))}   max ${fmt(percentile(one.sorted, 100))}   answers ${JSON.stringify(one.kinds)}`);
  console.log(`  server CPU per upload ${cpuSingle} (user + system, all threads: the latency floor on an idle machine)`);

  // 2. Load.
  const image = await portraitOfSize(300 * 1024);
  const journeys = await Promise.all(Array.from({ length: CONCURRENCY }, () => journey(server.url)));
  const samples: Sample[] = [];
  let sent = 0;
  const cpuLoadBefore = cpuMs(server.pid);
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  await Promise.all(
    journeys.map(async (journeyId) => {
      while (performance.now() < deadline) {
        sent += 1;
        samples.push(await upload(server.url, image, journeyId));
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpuLoad = perUpload(cpuLoadBefore, cpuMs(server.pid), Math.max(1, samples.length));
  const load = summarise(samples);
  const lost = samples.filter((s) => s.kind.startsWith('lost')).length;
  const unexpected = samples.filter((s) => s.kind !== 'success' && !s.kind.startsWith('503') && !s.kind.startsWith('lost')).length;
  const shed = samples.filter((s) => s.kind.startsWith('503')).length;
  console.log(`\nload: ${CONCURRENCY} concurrent clients, ${SECONDS} s, a 960x1280 JPEG of ${Math.round(image.length / 1024)} KB`);
  console.log(`  requests ${sent} sent, ${samples.length} answered in ${elapsed.toFixed(1)} s: ${(samples.length / elapsed).toFixed(1)} req/s`);
  console.log(`  latency p50 ${fmt(percentile(load.sorted, 50))}   p95 ${fmt(percentile(load.sorted, 95))}   p99 ${fmt(percentile(load.sorted, 99))}   max ${fmt(percentile(load.sorted, 100))}`);
  console.log(`  answers ${JSON.stringify(load.kinds)}`);
  console.log(`  errors: lost ${lost}, unexpected ${unexpected}, shed with 503 + Retry-After ${shed}`);
  const rss = peakRssMb(server.pid);
  console.log(`  server CPU per answered upload ${cpuLoad}`);
  console.log(`  server peak memory (RSS high-water mark, all threads) ${rss === null ? 'n/a' : `${Math.round(rss)} MB`}`);
  process.exitCode = lost > 0 || unexpected > 0 || samples.length !== sent ? 1 : 0;
} finally {
  server.stop();
}
