import { spawn } from 'node:child_process';

export interface Started {
  /** The first match of the ready pattern in the process's output. */
  match: RegExpExecArray;
  /** Everything it printed so far. */
  log(): string;
  /** SIGTERM, then SIGKILL after 10 s. */
  stop(): Promise<void>;
}

/** Starts a long-running process and resolves once its output matches `ready` (rejects if it exits or takes too long). */
export function startProcess(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; ready: RegExp; timeoutMs: number },
): Promise<Started> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  return new Promise<Started>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${command} ${args.join(' ')} was not ready in ${options.timeoutMs} ms:\n${log.slice(-4000)}`));
    }, options.timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} ${args.join(' ')} stopped (${code}):\n${log.slice(-4000)}`));
    });
    const read = (chunk: Buffer) => {
      log += chunk.toString();
      const match = options.ready.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve({ match, log: () => log, stop });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
  });
}
