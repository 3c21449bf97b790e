/**
 * A fresh consumer app: the Vite react-ts starter kept in e2e/consumer/template/ (create-vite's
 * template, see its README), React at the version under test, then the embedding guide's
 * steps exactly as written (snippets.ts): install the packed tarball, copy the assets, write
 * the files the guide shows. Everything is remade on each run except node_modules and the
 * lockfile, kept in e2e/.cache/consumer/ under a key of the app's package.json: a fresh CI run
 * installs once, later runs only what changed (the tarball is always new).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSnippets, step, type Snippet } from './snippets.ts';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const CACHE = join(REPO, 'e2e', '.cache', 'consumer');
const TEMPLATE = join(REPO, 'e2e', 'consumer', 'template');

/** Where package.setup.ts leaves the packed packages: `okaylive-capture-<version>.tgz`, `okaylive-capture-server-<version>.tgz`. */
export const TARBALL_DIR = join(CACHE, 'package');

export interface ReactVersion {
  react: string;
  types: string;
}

export interface RunResult {
  command: string;
  code: number;
  output: string;
}

/** Registry only, quietly, and from npm's cache where it already has a package. */
const NPM_ENV = {
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  npm_config_prefer_offline: 'true',
  npm_config_loglevel: 'warn',
};

/** Runs a command, bounded, and returns its exit code and combined output (never throws). */
export function run(
  command: string,
  args: string[],
  cwd: string,
  timeoutMs: number,
  env: NodeJS.ProcessEnv = {},
): Promise<RunResult> {
  const shown = [command, ...args].join(' ');
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd, timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024, env: { ...process.env, ...NPM_ENV, ...env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        const output = `${stdout}${stderr}${error?.killed ? `\n(stopped after ${timeoutMs} ms)` : ''}`;
        resolve({ command: shown, code, output });
      },
    );
  });
}

/** Throws with the command's output when it failed. */
export function succeeded(result: RunResult): RunResult {
  if (result.code !== 0)
    throw new Error(`${result.command} exited with ${result.code}:\n${result.output.slice(-6000)}`);
  return result;
}

export type PackageName = 'okaylive-capture' | 'okaylive-capture-server';

/** The packed tarball of one package that package.setup.ts made (exactly one). */
export function tarball(name: PackageName = 'okaylive-capture'): string {
  const pattern = new RegExp(`^${name}-\\d[^/]*\\.tgz$`);
  const files = existsSync(TARBALL_DIR) ? readdirSync(TARBALL_DIR).filter((f) => pattern.test(f)) : [];
  if (files.length !== 1 || !files[0])
    throw new Error(
      `expected one packed ${name} in ${TARBALL_DIR}, found ${files.length}: run the consumer-package project`,
    );
  return join(TARBALL_DIR, files[0]);
}

/** Puts a tarball in `dir` under the file name the guide's step installs it by; throws when the step does not. */
export function placeTarball(name: PackageName, dir: string, install: Snippet): void {
  const packed = tarball(name);
  const file = packed.slice(TARBALL_DIR.length + 1);
  if (!install.body.includes(`./${file}`))
    throw new Error(`${install.at} does not install ./${file} (the packed ${name})`);
  cpSync(packed, join(dir, file));
}

/** Steps for another app than the Vite one carry its name: `file=next:app/page.js`. */
export const APP_PREFIX = /^file=(\w+):/;

function appManifest(version: ReactVersion): string {
  const manifest = JSON.parse(readFileSync(join(TEMPLATE, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  manifest.dependencies.react = version.react;
  manifest.dependencies['react-dom'] = version.react;
  manifest.devDependencies['@types/react'] = version.types;
  manifest.devDependencies['@types/react-dom'] = version.types;
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export interface PreparedApp {
  dir: string;
  /** The guide's steps as run, in order. */
  steps: RunResult[];
}

/** Remakes the app from the template and runs the guide's steps; throws on the first that fails. */
export async function prepareApp(name: string, version: ReactVersion): Promise<PreparedApp> {
  const manifest = appManifest(version);
  const key = createHash('sha256').update(manifest).digest('hex').slice(0, 10);
  const dir = join(CACHE, `${name}-${key}`);
  // Older keys of this app: their installs will not be used again.
  if (existsSync(CACHE))
    for (const old of readdirSync(CACHE))
      if (old.startsWith(`${name}-`) && old !== `${name}-${key}`)
        rmSync(join(CACHE, old), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const entry of readdirSync(dir))
    if (entry !== 'node_modules' && entry !== 'package-lock.json')
      rmSync(join(dir, entry), { recursive: true, force: true });
  cpSync(TEMPLATE, dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), manifest);

  const steps: RunResult[] = [];
  const npm = (args: string[]) => run('npm', args, dir, 300_000).then((r) => steps.push(succeeded(r)));
  // What `npm create vite` tells its user to do next.
  await npm(['install']);

  const snippets = readSnippets(REPO);
  // The guide installs the tarballs by their file names, as `npm pack` writes them: put them there.
  placeTarball('okaylive-capture', dir, step(snippets, 'run=install'));
  placeTarball('okaylive-capture-server', dir, step(snippets, 'run=backend'));
  step(snippets, 'run=standalone');

  for (const snippet of snippets.values()) {
    if (!snippet.key.startsWith('file=') || APP_PREFIX.test(snippet.key)) continue;
    const target = join(dir, snippet.key.slice('file='.length));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, snippet.body);
  }
  // In the guide's order: the install first.
  for (const snippet of snippets.values()) {
    if (snippet.key.startsWith('run='))
      steps.push(succeeded(await run('sh', ['-e', '-c', snippet.body], dir, 300_000)));
  }
  return { dir, steps };
}
