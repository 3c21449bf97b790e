/**
 * The fake Innov8tif as a process of its own, for the benchmark: the load generator, the proxy
 * and the vendor do not share an event loop. Prints one JSON line with its port.
 * BENCH_VENDOR_DELAY_MS: how long each answer takes (default 500).
 */
import { startFakeInnov8tif } from '../testing/fake-innov8tif.ts';

const fake = await startFakeInnov8tif({
  username: 'bench',
  password: 'bench',
  delayMs: Number(process.env.BENCH_VENDOR_DELAY_MS ?? 500),
  decode: false,
});
process.stdout.write(`${JSON.stringify({ port: Number(new URL(fake.url).port) })}\n`);
process.once('SIGTERM', () => void fake.close().finally(() => process.exit(0)));
