import { selfieJpeg } from '../testing/images.ts';
import {
  fmt,
  journey,
  passed,
  percentile,
  portraitOfSize,
  printLoad,
  runLoad,
  summarise,
  upload,
  type Sample,
} from './load.ts';
import { cpuMs, peakRssMb, startApi } from './processes.ts';

const perUpload = (before: number | null, after: number | null, count: number): string =>
  before === null || after === null ? 'n/a' : `${Math.round((after - before) / count)} ms`;

/** The reference engine: single uploads (latency floor), then concurrent load. */
export async function referenceRun(options: { clients: number; seconds: number; single: number }): Promise<boolean> {
  console.log(`\n== reference engine, ${process.env.OKAYLIVE_ANALYSIS_THREADS ?? 'default'} analysis threads`);
  const server = await startApi();
  try {
    const single = await selfieJpeg({ height: 1280, quality: 92 });
    const id = await journey(server.url);
    for (let i = 0; i < 5; i++) await upload(server.url, single, id);
    const singles: Sample[] = [];
    const cpuBefore = cpuMs(server.pid);
    for (let i = 0; i < options.single; i++) singles.push(await upload(server.url, single, id));
    const cpuSingle = perUpload(cpuBefore, cpuMs(server.pid), options.single);
    const one = summarise(singles);
    console.log(
      `single requests: ${options.single} sequential uploads of a 960x1280 JPEG (${Math.round(single.length / 1024)} KB), after 5 warm-up`,
    );
    console.log(
      `  p50 ${fmt(percentile(one.sorted, 50))}   p95 ${fmt(percentile(one.sorted, 95))}   max ${fmt(percentile(one.sorted, 100))}   answers ${JSON.stringify(one.kinds)}`,
    );
    console.log(
      `  server CPU per upload ${cpuSingle} (user + system, all threads: the latency floor on an idle machine)`,
    );

    const image = await portraitOfSize(300 * 1024);
    const journeys = await Promise.all(Array.from({ length: options.clients }, () => journey(server.url)));
    const cpuLoadBefore = cpuMs(server.pid);
    const result = await runLoad(options.clients, options.seconds, image, (client) => ({
      url: server.url,
      journeyId: journeys[client] ?? '',
    }));
    printLoad(
      `load: ${options.clients} concurrent clients, ${options.seconds} s, a 960x1280 JPEG of ${Math.round(image.length / 1024)} KB`,
      result,
    );
    console.log(
      `  server CPU per answered upload ${perUpload(cpuLoadBefore, cpuMs(server.pid), Math.max(1, result.samples.length))}`,
    );
    const rss = peakRssMb(server.pid);
    console.log(
      `  server peak memory (RSS high-water mark, all threads) ${rss === null ? 'n/a' : `${Math.round(rss)} MB`}`,
    );
    return passed(result);
  } finally {
    server.stop();
  }
}
