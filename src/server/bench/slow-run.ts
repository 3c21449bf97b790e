import { connect, type Socket } from 'node:net';
import { startRedis } from '../testing/redis.ts';
import { multipartBody } from '../testing/raw.ts';
import { fmt, passed, percentile, portraitOfSize, printLoad, runLoad, summarise, type LoadResult } from './load.ts';
import { startApi, startVendor, vendorCalls } from './processes.ts';

/** The slow uploads of the review: 64 from 8 addresses, headers and 200 bytes, then a byte every 5 s. */
const SLOW_UPLOADS = 64;
const SLOW_ADDRESSES = 8;
const SLOW_EVERY_MS = 5_000;
/** A slow upload the server never cuts is given up on here: the run always ends. */
const SLOW_GIVE_UP_MS = 120_000;

interface SlowResult {
  /** How long each slow upload held its connection, and what the server answered it. */
  heldMs: number;
  status: string;
}

/** One slow upload on a raw socket, from `address` (through X-Forwarded-For, the server trusting one proxy). */
function slowUpload(url: string, address: string, image: Buffer): Promise<SlowResult> {
  const boundary = 'bench-slow';
  const body = multipartBody(boundary, [
    { name: 'journeyId', data: `slow-${address}` },
    { name: 'imageBest', filename: 'selfie.jpg', type: 'image/jpeg', data: image },
  ]);
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const started = performance.now();
    const socket: Socket = connect(Number(port), '127.0.0.1');
    let reply = '';
    let sent = 200;
    const trickle = setInterval(() => {
      if (sent < body.length && !socket.destroyed) socket.write(body.subarray(sent, ++sent));
    }, SLOW_EVERY_MS);
    const giveUp = setTimeout(() => socket.destroy(), SLOW_GIVE_UP_MS);
    socket.on('error', () => undefined);
    socket.on('data', (d: Buffer) => (reply += d.toString('latin1')));
    socket.once('close', () => {
      clearInterval(trickle);
      clearTimeout(giveUp);
      resolve({ heldMs: performance.now() - started, status: /^HTTP\/1\.1 (\d+)/.exec(reply)?.[1] ?? 'none' });
    });
    socket.write(
      `POST /api/ekyc/okaylive HTTP/1.1\r\nHost: bench\r\nX-Forwarded-For: ${address}\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    socket.write(body.subarray(0, sent));
  });
}

function successLine(result: LoadResult): string {
  const { sorted } = summarise(result.samples.filter((s) => s.kind === 'success'));
  const rate =
    result.samples.length === 0
      ? 0
      : (100 * result.samples.filter((s) => s.kind === 'success').length) / result.samples.length;
  return `success rate ${rate.toFixed(1)} %, p95 of successes ${fmt(percentile(sorted, 95))}`;
}

/**
 * 64 slow uploads beside the normal clients, against the proxy with its production limits
 * (64 uploads in all, 8 per client): the normal clients' p95 and success rate say whether the
 * slow ones kept them out.
 */
export async function slowClientRun(options: { clients: number; seconds: number }): Promise<boolean> {
  console.log(
    `\n== slow clients: ${SLOW_UPLOADS} slow uploads from ${SLOW_ADDRESSES} addresses beside ${options.clients} normal clients (upstream proxy)`,
  );
  const vendor = await startVendor();
  const proxy = await startApi({
    OKAYLIVE_BASE_URL: vendor.url,
    OKAYLIVE_USERNAME: 'bench',
    OKAYLIVE_PASSWORD: 'bench',
    OKAYLIVE_TRUST_PROXY: '1',
    OKAYLIVE_MAX_UPLOADS: '64',
    OKAYLIVE_MAX_UPLOADS_PER_CLIENT: '8',
  });
  try {
    const image = await portraitOfSize(300 * 1024);
    const slow = Promise.all(
      Array.from({ length: SLOW_UPLOADS }, (_, i) =>
        slowUpload(proxy.url, `10.9.0.${(i % SLOW_ADDRESSES) + 1}`, image),
      ),
    );
    // The slow uploads are in before the normal clients start, as in the review.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const result = await runLoad(options.clients, options.seconds, image, (client, n) => ({
      url: proxy.url,
      journeyId: `bench-slow-run-${client}-${n}`,
      headers: { 'X-Forwarded-For': `10.1.${Math.floor(client / 250)}.${(client % 250) + 1}` },
    }));
    printLoad(
      `normal clients: ${options.clients} concurrent, ${options.seconds} s, a JPEG of ${Math.round(image.length / 1024)} KB`,
      result,
    );
    console.log(`  normal clients: ${successLine(result)}`);
    const slowResults = await slow;
    const held = slowResults.map((r) => r.heldMs).sort((a, b) => a - b);
    const statuses: Record<string, number> = {};
    for (const r of slowResults) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    console.log(
      `  slow uploads: answered ${JSON.stringify(statuses)}, connection held p50 ${fmt(percentile(held, 50))}, max ${fmt(percentile(held, 100))}`,
    );
    return passed(result);
  } finally {
    proxy.stop();
    vendor.stop();
  }
}

/** Normal load on the proxy with Redis; Redis frozen (SIGSTOP) for a few seconds in the middle, then resumed. */
export async function redisPauseRun(options: { clients: number; seconds: number }): Promise<boolean> {
  const pauseAtMs = Math.min(5_000, (options.seconds * 1000) / 4);
  const pauseForMs = Math.min(3_000, (options.seconds * 1000) / 4);
  console.log(
    `\n== Redis paused: ${options.clients} clients on the proxy with Redis, Redis frozen ${pauseForMs} ms from ${pauseAtMs} ms`,
  );
  const redis = await startRedis();
  const vendor = await startVendor();
  const proxy = await startApi({
    OKAYLIVE_BASE_URL: vendor.url,
    OKAYLIVE_USERNAME: 'bench',
    OKAYLIVE_PASSWORD: 'bench',
    OKAYLIVE_REDIS_URL: redis.url,
  });
  const pause = setTimeout(() => {
    redis.pause();
    setTimeout(() => redis.resume(), pauseForMs).unref();
  }, pauseAtMs);
  try {
    const image = await portraitOfSize(300 * 1024);
    const before = await vendorCalls(vendor);
    const started = performance.now();
    const result = await runLoad(options.clients, options.seconds, image, (client, n) => ({
      url: proxy.url,
      journeyId: `bench-pause-${client}-${n}`,
    }));
    printLoad(
      `load: ${options.clients} concurrent clients, ${options.seconds} s, Redis frozen for ${pauseForMs} ms`,
      result,
    );
    console.log(`  ${successLine(result)}`);
    const calls = (await vendorCalls(vendor)) - before;
    const answered = result.samples.filter((s) => s.kind === 'success').length;
    console.log(
      `  vendor calls ${calls} for ${answered} answered uploads; run took ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    // 503s during the freeze are the designed answer; a vendor call for nothing answered is not.
    return result.lost === 0 && result.unexpected === 0 && calls <= result.samples.length;
  } finally {
    clearTimeout(pause);
    redis.resume();
    proxy.stop();
    vendor.stop();
    await redis.dispose();
  }
}
