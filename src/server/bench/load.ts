import { selfieJpeg } from '../testing/images.ts';

export interface Sample {
  ms: number;
  kind: string;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export const fmt = (ms: number): string => `${Math.round(ms)} ms`;

/** A portrait JPEG of about `bytes`: the compliant framing at the JPEG quality that comes closest. */
export async function portraitOfSize(bytes: number): Promise<Buffer> {
  let best = await selfieJpeg({ height: 1280, quality: 90 });
  for (let quality = 91; quality <= 100; quality++) {
    const candidate = await selfieJpeg({ height: 1280, quality });
    if (Math.abs(candidate.length - bytes) < Math.abs(best.length - bytes)) best = candidate;
  }
  return best;
}

export async function journey(url: string): Promise<string> {
  const r = await fetch(`${url}/api/ekyc/journeyid`, { method: 'POST' });
  return ((await r.json()) as { journeyId: string }).journeyId;
}

export async function upload(
  url: string,
  image: Buffer,
  journeyId: string,
  headers: Record<string, string> = {},
): Promise<Sample> {
  const body = new FormData();
  body.append('imageBest', new Blob([new Uint8Array(image)], { type: 'image/jpeg' }), 'selfie.jpg');
  body.append('journeyId', journeyId);
  const started = performance.now();
  try {
    const r = await fetch(`${url}/api/ekyc/okaylive`, {
      method: 'POST',
      body,
      headers,
      signal: AbortSignal.timeout(60_000),
    });
    const json = (await r.json()) as { status?: string; message?: string };
    const kind =
      r.status === 200 && json.status === 'success'
        ? 'success'
        : `${r.status} ${json.message ?? json.status ?? ''}`.trim();
    return { ms: performance.now() - started, kind };
  } catch (error) {
    // fetch says only "fetch failed": the socket's own code says how the connection ended.
    const cause =
      error instanceof Error && error.cause instanceof Error && 'code' in error.cause ? String(error.cause.code) : null;
    return {
      ms: performance.now() - started,
      kind: `lost (${error instanceof Error ? error.name : 'error'}${cause ? ` ${cause}` : ''})`,
    };
  }
}

export interface LoadResult {
  sent: number;
  samples: Sample[];
  elapsedS: number;
  lost: number;
  unexpected: number;
  shed: number;
}

/**
 * `clients` concurrent clients for `seconds`, each sending its next upload when the last is
 * answered. `target(client, n)` says where the n-th upload of a client goes and with which journey.
 */
export async function runLoad(
  clients: number,
  seconds: number,
  image: Buffer,
  target: (client: number, n: number) => { url: string; journeyId: string; headers?: Record<string, string> },
): Promise<LoadResult> {
  const samples: Sample[] = [];
  let sent = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let n = 0; performance.now() < deadline; n++) {
        sent += 1;
        const { url, journeyId, headers } = target(client, n);
        samples.push(await upload(url, image, journeyId, headers));
      }
    }),
  );
  const lost = samples.filter((s) => s.kind.startsWith('lost')).length;
  const shed = samples.filter((s) => s.kind.startsWith('503')).length;
  const unexpected = samples.length - lost - shed - samples.filter((s) => s.kind === 'success').length;
  return { sent, samples, elapsedS: (performance.now() - started) / 1000, lost, unexpected, shed };
}

export function summarise(samples: Sample[]): { sorted: number[]; kinds: Record<string, number> } {
  const kinds: Record<string, number> = {};
  for (const s of samples) kinds[s.kind] = (kinds[s.kind] ?? 0) + 1;
  return { sorted: samples.map((s) => s.ms).sort((a, b) => a - b), kinds };
}

export function printLoad(title: string, result: LoadResult): void {
  const { sorted, kinds } = summarise(result.samples);
  console.log(`\n${title}`);
  console.log(
    `  requests ${result.sent} sent, ${result.samples.length} answered in ${result.elapsedS.toFixed(1)} s: ${(result.samples.length / result.elapsedS).toFixed(1)} req/s`,
  );
  console.log(
    `  latency p50 ${fmt(percentile(sorted, 50))}   p95 ${fmt(percentile(sorted, 95))}   p99 ${fmt(percentile(sorted, 99))}   max ${fmt(percentile(sorted, 100))}`,
  );
  console.log(`  answers ${JSON.stringify(kinds)}`);
  console.log(
    `  errors: lost ${result.lost}, unexpected ${result.unexpected}, shed with 503 + Retry-After ${result.shed}`,
  );
}

/** A run passes when every request was answered, and answered as designed. */
export const passed = (result: LoadResult): boolean =>
  result.lost === 0 && result.unexpected === 0 && result.samples.length === result.sent;
