import { startRedis } from '../testing/redis.ts';
import { passed, portraitOfSize, printLoad, runLoad, upload } from './load.ts';
import { peakRssMb, startApi, startVendor, vendorCalls, type Child } from './processes.ts';

const mb = (pid: number): string => {
  const rss = peakRssMb(pid);
  return rss === null ? 'n/a' : `${Math.round(rss)} MB`;
};

/**
 * Identical resends of one upload, all at once, spread over the instances: the vendor must be
 * called once for all of them.
 */
async function resendCheck(urls: string[], vendor: Child, image: Buffer): Promise<boolean> {
  const before = await vendorCalls(vendor);
  const replies = await Promise.all(
    Array.from({ length: 20 }, (_, i) => upload(urls[i % urls.length] ?? '', image, 'bench-resend-check')),
  );
  const calls = (await vendorCalls(vendor)) - before;
  const ok = replies.every((r) => r.kind === 'success');
  console.log(
    `  resends: 20 identical uploads at once${urls.length > 1 ? ` across ${urls.length} instances` : ''}: ${replies.filter((r) => r.kind === 'success').length} answered, ${calls} vendor call${calls === 1 ? '' : 's'}`,
  );
  return ok && calls === 1;
}

/** Each upload its own journey, so none is a resend: every answer costs one vendor call. */
async function proxyLoad(
  title: string,
  urls: string[],
  vendor: Child,
  options: { clients: number; seconds: number },
  image: Buffer,
): Promise<boolean> {
  const before = await vendorCalls(vendor);
  const result = await runLoad(options.clients, options.seconds, image, (client, n) => ({
    url: urls[(client + n) % urls.length] ?? '',
    journeyId: `bench-${client}-${n}`,
  }));
  printLoad(title, result);
  const calls = (await vendorCalls(vendor)) - before;
  const answered = result.samples.filter((s) => s.kind === 'success').length;
  console.log(`  vendor calls ${calls} for ${answered} answered uploads`);
  return passed(result) && calls === answered;
}

/** The proxy against the fake vendor (its own process, BENCH_VENDOR_DELAY_MS per answer). */
export async function upstreamRun(options: { clients: number; seconds: number }): Promise<boolean> {
  const delay = process.env.BENCH_VENDOR_DELAY_MS ?? '500';
  console.log(`\n== upstream proxy, one instance, fake vendor answering in ${delay} ms`);
  const vendor = await startVendor();
  const proxy = await startApi({
    OKAYLIVE_BASE_URL: vendor.url,
    OKAYLIVE_USERNAME: 'bench',
    OKAYLIVE_PASSWORD: 'bench',
  });
  try {
    const image = await portraitOfSize(300 * 1024);
    const ok = await proxyLoad(
      `load: ${options.clients} concurrent clients, ${options.seconds} s, a 960x1280 JPEG of ${Math.round(image.length / 1024)} KB`,
      [proxy.url],
      vendor,
      options,
      image,
    );
    const resent = await resendCheck([proxy.url], vendor, image);
    console.log(`  proxy peak memory (RSS high-water mark) ${mb(proxy.pid)}`);
    return ok && resent;
  } finally {
    proxy.stop();
    vendor.stop();
  }
}

/** Two proxy instances sharing one redis-server, the load spread over both. */
export async function redisRun(options: { clients: number; seconds: number }): Promise<boolean> {
  console.log(
    `\n== upstream proxy, two instances sharing Redis, fake vendor answering in ${process.env.BENCH_VENDOR_DELAY_MS ?? '500'} ms`,
  );
  const redis = await startRedis();
  const vendor = await startVendor();
  const env = {
    OKAYLIVE_BASE_URL: vendor.url,
    OKAYLIVE_USERNAME: 'bench',
    OKAYLIVE_PASSWORD: 'bench',
    OKAYLIVE_REDIS_URL: redis.url,
  };
  const proxies = [await startApi(env), await startApi(env)];
  try {
    const image = await portraitOfSize(300 * 1024);
    const urls = proxies.map((p) => p.url);
    const ok = await proxyLoad(
      `load: ${options.clients} concurrent clients over 2 instances, ${options.seconds} s, a JPEG of ${Math.round(image.length / 1024)} KB`,
      urls,
      vendor,
      options,
      image,
    );
    const resent = await resendCheck(urls, vendor, image);
    console.log(`  proxy peak memory (RSS high-water mark) ${proxies.map((p) => mb(p.pid)).join(' / ')}`);
    return ok && resent;
  } finally {
    for (const p of proxies) p.stop();
    vendor.stop();
    await redis.dispose();
  }
}
