import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIBRARY_ENTRIES, LIBRARY_EXTERNALS, STANDALONE_FILE } from './package-build.ts';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  exports: Record<string, string | { types: string; import: string }>;
  files: string[];
  bin: Record<string, string>;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  sideEffects: string[];
};
const tsconfig = JSON.parse(readFileSync(new URL('./tsconfig.package.json', import.meta.url), 'utf8')) as { files: string[] };

const subpath = (entry: string) => (entry === 'index' ? '.' : `./${entry}`);

describe('package.json describes what build:package makes', () => {
  it.each(Object.entries(LIBRARY_ENTRIES))('entry %s is exported with its code and its types', (entry, source) => {
    const target = pkg.exports[subpath(entry)];
    expect(target).toEqual({
      types: `./dist-package/types/${source.replace(/^src\//, '').replace(/\.tsx?$/, '.d.ts')}`,
      import: `./dist-package/lib/${entry}.js`,
    });
    expect(tsconfig.files).toContain(`../${source.replace(/^src\//, '')}`);
  });

  it('exports nothing the build does not make', () => {
    const built = new Set([...Object.keys(LIBRARY_ENTRIES).map(subpath), './style.css', './standalone', './okaylive-assets/*', './package.json']);
    expect(Object.keys(pkg.exports).filter((k) => !built.has(k))).toEqual([]);
    expect(pkg.exports['./standalone']).toBe(`./dist-package/standalone/${STANDALONE_FILE}`);
  });

  it('ships only the built package, with the asset helper as a bin', () => {
    expect(pkg.files).toEqual(['dist-package', 'README.md']);
    expect(pkg.bin).toEqual({ 'okaylive-assets': './dist-package/bin/okaylive-assets.js' });
  });

  it("React is the host's (peer), and every library external is a dependency or a peer", () => {
    expect(Object.keys(pkg.peerDependencies).sort()).toEqual(['react', 'react-dom']);
    expect(pkg.dependencies.react).toBeUndefined();
    expect(pkg.dependencies['react-dom']).toBeUndefined();
    const declared = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies)];
    for (const pattern of LIBRARY_EXTERNALS) expect(declared.some((name) => pattern.test(name))).toBe(true);
  });

  it('marks only stylesheets and the standalone script as having side effects (tree-shaking)', () => {
    expect(pkg.sideEffects).toEqual(['*.css', './dist-package/standalone/*']);
  });
});
