import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where Debian's redis-server package puts the binary, and PATH. */
function findRedisServer(): string {
  const onPath = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  if (onPath.status === 0 && onPath.stdout.trim()) return onPath.stdout.trim();
  const known = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));
  if (known) return known;
  throw new Error(
    "redis-server not found: the shared-state tests need a real Redis. Run `node e2e/setup/prepare.mjs` (installs Debian's redis-server as root) or `apt-get install redis-server`.",
  );
}

/** A loopback port nobody is listening on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server: ${what} within ${timeoutMs} ms`);
}

export interface TestRedis {
  url: string;
  port: number;
  /** Stops the server (SIGTERM: it writes its snapshot first, like a planned restart). */
  stop(): Promise<void>;
  /** Starts it again on the same port and directory, from that snapshot. */
  start(): Promise<void>;
  /** Freezes it (SIGSTOP): connections stay open, commands wait unanswered, as in a stall. */
  pause(): void;
  /** Lets a paused server run again (SIGCONT): it then runs what it was sent meanwhile. */
  resume(): void;
  /** Kills it outright (SIGKILL): no snapshot is written, connections drop. */
  kill(): Promise<void>;
  /** Stops it and removes its directory. */
  dispose(): Promise<void>;
}

/**
 * A real redis-server of its own on a loopback port, in a temporary directory: no shared
 * instance, nothing left behind. Fails with a clear message when redis-server is missing.
 */
export async function startRedis(options: { appendOnly?: boolean } = {}): Promise<TestRedis> {
  const binary = findRedisServer();
  const dir = mkdtempSync(join(tmpdir(), 'okl-redis-'));
  const port = await freePort();
  let child: ChildProcess | null = null;
  let output = '';

  const start = async (): Promise<void> => {
    const args = [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '3600 1',
      // With appendOnly every write is on disk before Redis answers: a kill loses nothing.
      ...(options.appendOnly ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']),
      '--protected-mode',
      'yes',
      '--loglevel',
      'warning',
    ];
    const started = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    started.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
    started.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
    child = started;
    await waitFor(async () => {
      if (started.exitCode !== null) throw new Error(`redis-server exited (${started.exitCode}): ${output}`);
      return accepting(port);
    }, 'not accepting connections');
  };

  const stop = async (): Promise<void> => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    const killed = setTimeout(() => running.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killed);
  };

  const signal = (name: NodeJS.Signals): void => {
    if (!child || child.exitCode !== null) throw new Error(`redis-server is not running: cannot send ${name}`);
    child.kill(name);
  };

  const kill = async (): Promise<void> => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: async () => {
      // A paused server cannot act on SIGTERM until it runs again.
      child?.kill('SIGCONT');
      await stop();
    },
    start,
    pause: () => signal('SIGSTOP'),
    resume: () => signal('SIGCONT'),
    kill,
    dispose: async () => {
      child?.kill('SIGCONT');
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
