/**
 * The npm package as `npm pack` makes it, for `npm run bench:size`: builds dist-package/
 * (build-package.ts), asks npm for the tarball it would pack (`npm pack --dry-run --json`,
 * nothing written) and prints its packed and unpacked size, its files by folder and what
 * installing it pulls in; the same for the server package (dist-server-package/), with the
 * packages its install brings with and without the reference engine. Figures only; nothing
 * asserted.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './package-build.ts';
import { REFERENCE_PEERS, SERVER_DEPENDENCIES } from './server-package-manifest.ts';

interface PackedFile {
  path: string;
  size: number;
}

interface Packed {
  filename: string;
  size: number;
  unpackedSize: number;
  files: PackedFile[];
}

function isPacked(value: unknown): value is Packed {
  return (
    typeof value === 'object' &&
    value !== null &&
    'size' in value &&
    'unpackedSize' in value &&
    'files' in value &&
    Array.isArray(value.files)
  );
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2).padStart(6)} MB`;

/** What `npm pack` would make of one built package folder. */
function dryPack(dir: string): Packed {
  const json: unknown = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '--silent'], { cwd: dir, encoding: 'utf8' }),
  );
  const packed = Array.isArray(json) ? json.find(isPacked) : undefined;
  if (!packed) throw new Error(`npm pack --dry-run --json gave no tarball for ${dir}`);
  return packed;
}

interface LockEntry {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/**
 * The packages installing `names` brings, themselves included, read from this repository's
 * lockfile (the versions a consumer resolves today): nested copies first, as Node resolves them.
 */
function installClosure(names: readonly string[]): Set<string> {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const seen = new Set<string>();
  const visit = (name: string, from: string): void => {
    const candidates = [`${from}/node_modules/${name}`, `node_modules/${name}`];
    const path = candidates.find((c) => lock.packages[c] !== undefined);
    if (!path || seen.has(path)) return;
    seen.add(path);
    const entry = lock.packages[path] ?? {};
    for (const dep of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) visit(dep, path);
  };
  for (const name of names) visit(name, '');
  return seen;
}

export function serverPackageReport(): void {
  const dir = join(ROOT, 'dist-server-package');
  execFileSync('npm', ['run', '--silent', 'build:server-package'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const packed = dryPack(dir);
  console.log(`server package (${packed.filename}, as npm pack makes it from dist-server-package/)`);
  console.log(`  packed ${mb(packed.size)}   unpacked ${mb(packed.unpackedSize)}   ${packed.files.length} files`);
  const core = installClosure(SERVER_DEPENDENCIES);
  const reference = installClosure([...SERVER_DEPENDENCIES, ...REFERENCE_PEERS]);
  // sharp's platform binaries are optional dependencies: one of them installs on a given machine.
  const platform = (set: Set<string>) =>
    [...set].filter((p) => !/@img\/sharp-(?!libvips-linux-x64$|linux-x64$)/.test(p)).length;
  console.log(
    `  dependencies: ${SERVER_DEPENDENCIES.length} direct (${SERVER_DEPENDENCIES.join(', ')}); ${platform(core)} packages installed on linux-x64`,
  );
  console.log(
    `  with the reference engine's optional peers (${REFERENCE_PEERS.length}): ${platform(reference)} packages installed on linux-x64`,
  );
}

export function packageReport(): void {
  const dir = join(ROOT, 'dist-package');
  execFileSync('npm', ['run', '--silent', 'build:package'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const packed = dryPack(dir);
  console.log(`npm package (${packed.filename}, as npm pack makes it from dist-package/)`);
  console.log(
    `  packed ${mb(packed.size)}   unpacked ${mb(packed.unpackedSize)}   ${packed.files.length} files   (target: packed under 3 MB)`,
  );
  const folders = new Map<string, number>();
  for (const file of packed.files) {
    const folder = file.path.includes('/') ? `${file.path.split('/')[0] ?? ''}/` : '(top level)';
    folders.set(folder, (folders.get(folder) ?? 0) + file.size);
  }
  for (const [folder, size] of [...folders].sort((a, b) => b[1] - a[1]))
    console.log(`  ${folder.padEnd(20)} ${mb(size)} unpacked`);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    peerDependencies: Record<string, string>;
  };
  const list = (deps: Record<string, string>) =>
    Object.entries(deps)
      .map(([name, range]) => `${name} ${range}`)
      .join(', ');
  console.log(`  dependencies: ${list(manifest.dependencies)}`);
  console.log(`  peers: ${list(manifest.peerDependencies)}`);
}
