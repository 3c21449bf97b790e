/**
 * `npm run test:engines:stress [-- --runs N] [--busy N] [--project P…]`: the engine checks under load. Two
 * CPU-bound Node processes (busy loops) run beside them, the way a shared CI machine or a
 * developer's busy laptop starves the browsers; the engine projects then run N times in a row
 * (default 5), stopping at the first failure, each run timed. Races that only show when frames
 * are slow (a still encoded from a picture that is not ready yet) show here first.
 *
 * The busy processes end with this script however it ends: killed on exit and on signals, and
 * each also exits by itself when its IPC channel to this script closes (this script killed).
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    busy: { type: 'string', default: '2' },
    // One engine's projects only (e.g. engines-webkit), as Playwright's own --project takes them.
    project: { type: 'string', multiple: true, default: ['engines-*'] },
  },
});
const runs = Number(values.runs);
const busy = Number(values.busy);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(busy) || busy < 0) {
  console.error(
    'usage: npm run test:engines:stress -- [--runs N (default 5)] [--busy N (default 2)] [--project engines-… (default engines-*)]',
  );
  process.exit(2);
}

// Busy in 100 ms slices so the event loop still hears the channel close.
const SPIN = `process.on('disconnect', () => process.exit(0));
const spin = () => { const end = Date.now() + 100; while (Date.now() < end); setImmediate(spin); };
spin();`;

const loads = Array.from({ length: busy }, () =>
  spawn(process.execPath, ['-e', SPIN], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }),
);
function stopLoads() {
  for (const child of loads) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
process.on('exit', stopLoads);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stopLoads();
    process.exit(130);
  });
}

function runEngines() {
  return new Promise((resolve) => {
    const projects = values.project.flatMap((project) => ['--project', project]);
    const child = spawn('npx', ['playwright', 'test', ...projects], {
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const times = [];
let failed = 0;
console.log(`engine checks under load: ${busy} busy process(es), up to ${runs} run(s)`);
for (let run = 1; run <= runs; run++) {
  const started = Date.now();
  const code = await runEngines();
  const seconds = (Date.now() - started) / 1000;
  times.push(seconds);
  console.log(
    `stress run ${run}/${runs}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${seconds.toFixed(1)} s`,
  );
  if (code !== 0) {
    failed = run;
    break;
  }
}
stopLoads();
console.log(
  `\n${times.map((s, i) => `  run ${i + 1}: ${s.toFixed(1)} s${failed === i + 1 ? ' (failed)' : ''}`).join('\n')}`,
);
console.log(failed ? `stopped at the first failure (run ${failed})` : `all ${times.length} run(s) passed`);
process.exit(failed ? 1 : 0);
