import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CLIENT_ENTRIES,
  LIBRARY_DEPENDENCIES,
  LIBRARY_ENTRIES,
  LIBRARY_EXTERNALS,
  libraryInputs,
  STANDALONE_FILE,
} from './package-build.ts';
import {
  declarationOf,
  libraryManifest,
  PACKAGE_FOLDERS,
  REACT_RANGE,
  STANDALONE_TYPES,
  subpath,
  type RootManifest,
} from './package-manifest.ts';

const root = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as RootManifest & {
  private?: boolean;
  exports?: unknown;
  bin?: unknown;
};
const tsconfig = JSON.parse(readFileSync(new URL('./tsconfig.package.json', import.meta.url), 'utf8')) as {
  files: string[];
};
const manifest = libraryManifest(root);

describe('the repository stays the private app; the package gets its own manifest', () => {
  it('the root package.json cannot be published and describes no package entry points', () => {
    expect(root.private).toBe(true);
    expect(root.exports).toBeUndefined();
    expect(root.bin).toBeUndefined();
  });

  it('the package is publishable: named, versioned like the repository, licensed', () => {
    expect(manifest).toMatchObject({ name: 'okaylive-capture', version: root.version, license: 'MIT', type: 'module' });
    expect(manifest).not.toHaveProperty('private');
    expect(root.version).toMatch(/^0\.\d+\.\d+$/);
  });
});

describe('the generated manifest describes what build:package makes', () => {
  it.each(Object.entries(LIBRARY_ENTRIES))(
    'entry %s is exported with its code and its types (ESM only)',
    (entry, source) => {
      const conditions = manifest.exports[subpath(entry)];
      expect(conditions).toEqual({
        types: `./types/${source.replace(/^src\//, '').replace(/\.tsx?$/, '.d.ts')}`,
        ...(entry in CLIENT_ENTRIES ? { 'react-server': `./lib/${entry}.react-server.js` } : {}),
        import: `./lib/${entry}.js`,
      });
      expect(Object.keys(conditions ?? {})).not.toContain('require');
      expect(tsconfig.files).toContain(`../${source.replace(/^src\//, '')}`);
    },
  );

  it('the React entries, and only they, have react-server stand-ins, built beside them', () => {
    expect(Object.keys(CLIENT_ENTRIES).sort()).toEqual(['element', 'index']);
    expect(Object.keys(libraryInputs()).sort()).toEqual(
      [...Object.keys(LIBRARY_ENTRIES), 'element.react-server', 'index.react-server'].sort(),
    );
  });

  it('exports nothing the build does not make', () => {
    const built = new Set([
      ...Object.keys(LIBRARY_ENTRIES).map(subpath),
      './style.css',
      './standalone',
      './okaylive-assets/*',
      './package.json',
    ]);
    expect(Object.keys(manifest.exports).filter((k) => !built.has(k))).toEqual([]);
    expect(manifest.exports['./standalone']).toEqual({
      types: declarationOf(STANDALONE_TYPES),
      default: `./standalone/${STANDALONE_FILE}`,
    });
    expect(manifest.types).toBe(declarationOf('src/react/index.ts'));
  });

  it('ships the built folders and the changelog, with the asset helper as a bin', () => {
    expect(manifest.files).toEqual([...PACKAGE_FOLDERS, 'CHANGELOG.md']);
    expect(manifest.bin).toEqual({ 'okaylive-assets': 'bin/okaylive-assets.js' });
  });

  it('React 18.3 and 19 are peers; the dependencies are exactly the runtime libraries the build leaves external', () => {
    expect(manifest.peerDependencies).toEqual({ react: REACT_RANGE, 'react-dom': REACT_RANGE });
    expect(Object.keys(manifest.dependencies).sort()).toEqual([...LIBRARY_DEPENDENCIES].sort());
    for (const [name, range] of Object.entries(manifest.dependencies)) expect(range).toBe(root.dependencies[name]);
    for (const name of [...LIBRARY_DEPENDENCIES, 'react', 'react-dom', 'react/jsx-runtime']) {
      expect(LIBRARY_EXTERNALS.some((pattern) => pattern.test(name))).toBe(true);
    }
    expect(LIBRARY_EXTERNALS.some((pattern) => pattern.test('react-webcam-x'))).toBe(false);
  });

  it('no build-time or server package reaches a consumer', () => {
    for (const name of [
      'sharp',
      'piscina',
      'busboy',
      'sirv',
      'ioredis',
      '@vladmandic/human',
      '@tensorflow/tfjs-core',
      '@petamoriken/float16',
    ]) {
      expect(manifest.dependencies).not.toHaveProperty(name);
    }
  });

  it('marks only stylesheets and the standalone script as having side effects (tree-shaking)', () => {
    expect(manifest.sideEffects).toEqual(['*.css', './standalone/*']);
  });
});
