import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface Child {
  url: string;
  pid: number;
  stop(): void;
}

/** Starts a TypeScript entry as its own process and waits for the JSON line with its port. */
async function startEntry(entry: string, env: Record<string, string>): Promise<Child> {
  const file = fileURLToPath(new URL(entry, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', file], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const port = await new Promise<number>((resolve, reject) => {
    lines.once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`${entry} exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, pid: child.pid ?? 0, stop: () => child.kill('SIGTERM') };
}

/** The API alone, configured by `env` on top of the bench's own defaults. */
export function startApi(env: Record<string, string> = {}): Promise<Child> {
  return startEntry('./api-server.ts', {
    OKAYLIVE_LOG: 'off',
    // Load from one address: the per-client limits (journeys, uploads held) and the attempt
    // cap would (rightly) refuse it.
    OKAYLIVE_JOURNEY_RATE_PER_MINUTE: '1000000',
    OKAYLIVE_JOURNEY_MAX_ATTEMPTS: '1000000',
    OKAYLIVE_MAX_UPLOADS_PER_CLIENT: '1000',
    ...env,
  });
}

export function startVendor(): Promise<Child> {
  return startEntry('./fake-vendor.ts', {});
}

export async function vendorCalls(vendor: Child): Promise<number> {
  const stats = (await (await fetch(`${vendor.url}/__stats`)).json()) as { okaylive: number };
  return stats.okaylive;
}

/** Peak resident memory of a process, from Linux's high-water mark. */
export function peakRssMb(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** CPU time a process has used (user + system), ms: what an upload costs whatever else runs. */
export function cpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime, fields 14 and 15 of stat (11 and 12 after the command name), in 1/100 s.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}
