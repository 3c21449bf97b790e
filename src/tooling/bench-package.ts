/**
 * The npm package as `npm pack` makes it, for `npm run bench:size`: builds dist-package/
 * (build-package.ts), asks npm for the tarball it would pack (`npm pack --dry-run --json`,
 * nothing written) and prints its packed and unpacked size, its files by folder and what
 * installing it pulls in. Figures only; nothing asserted.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './package-build.ts';

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
  return typeof value === 'object' && value !== null && 'size' in value && 'unpackedSize' in value && 'files' in value && Array.isArray(value.files);
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2).padStart(6)} MB`;

export function packageReport(): void {
  const dir = join(ROOT, 'dist-package');
  execFileSync('npm', ['run', '--silent', 'build:package'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const json: unknown = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--silent'], { cwd: dir, encoding: 'utf8' }));
  const packed = Array.isArray(json) ? json.find(isPacked) : undefined;
  if (!packed) throw new Error('npm pack --dry-run --json gave no tarball');
  console.log(`npm package (${packed.filename}, as npm pack makes it from dist-package/)`);
  console.log(`  packed ${mb(packed.size)}   unpacked ${mb(packed.unpackedSize)}   ${packed.files.length} files   (target: packed under 3 MB)`);
  const folders = new Map<string, number>();
  for (const file of packed.files) {
    const folder = file.path.includes('/') ? `${file.path.split('/')[0] ?? ''}/` : '(top level)';
    folders.set(folder, (folders.get(folder) ?? 0) + file.size);
  }
  for (const [folder, size] of [...folders].sort((a, b) => b[1] - a[1])) console.log(`  ${folder.padEnd(20)} ${mb(size)} unpacked`);
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
