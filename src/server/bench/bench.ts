/**
 * npm run bench:server — the server under load, on loopback. Three runs:
 * - reference: the reference engine, 40 sequential uploads (p50/p95, CPU per upload), then
 *   50 concurrent clients for 20 s (throughput, p50/p95/p99, answers by kind, peak memory);
 * - upstream: the proxy against a fake vendor in its own process, 50 concurrent for 20 s, each
 *   upload its own journey (one vendor call per answer), then 20 identical resends at once;
 * - redis: the same over two proxy instances sharing a redis-server;
 * - slow: 64 slow uploads (a byte every 5 s) beside the normal clients: their p95 and success rate;
 * - redis-pause: the proxy with Redis under load, Redis frozen (SIGSTOP) for 3 s in the middle.
 * Prints figures; exits non-zero only if a request was lost or answered unexpectedly (503s
 * with Retry-After are counted apart, as the designed answer to saturation) or a resend was
 * billed twice. BENCH_RUNS (reference,upstream,redis,slow,redis-pause), BENCH_CONCURRENCY, BENCH_SECONDS,
 * BENCH_SINGLE and BENCH_VENDOR_DELAY_MS override the defaults.
 */
import { cpus, loadavg } from 'node:os';
import { referenceRun } from './reference-run.ts';
import { redisPauseRun, slowClientRun } from './slow-run.ts';
import { redisRun, upstreamRun } from './upstream-run.ts';

const clients = Number(process.env.BENCH_CONCURRENCY ?? 50);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const single = Number(process.env.BENCH_SINGLE ?? 40);
const runs = (process.env.BENCH_RUNS ?? 'reference,upstream,redis,slow,redis-pause').split(',').map((s) => s.trim());

const [l1, l5] = loadavg();
console.log(
  `bench:server: ${cpus().length} cores, load average ${l1?.toFixed(2)} / ${l5?.toFixed(2)} (1/5 min) before start; runs: ${runs.join(', ')}`,
);
let ok = true;
if (runs.includes('reference')) ok = (await referenceRun({ clients, seconds, single })) && ok;
if (runs.includes('upstream')) ok = (await upstreamRun({ clients, seconds })) && ok;
if (runs.includes('redis')) ok = (await redisRun({ clients, seconds })) && ok;
if (runs.includes('slow')) ok = (await slowClientRun({ clients, seconds })) && ok;
if (runs.includes('redis-pause')) ok = (await redisPauseRun({ clients, seconds })) && ok;
process.exitCode = ok ? 0 : 1;
