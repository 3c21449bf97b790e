// The installed package in Node, as a server-rendering host meets it: copied into the consumer
// app and run there, so every import resolves through the app's node_modules and its React.
//
//   node node-check.mjs                                   every entry, a server render, the manifest
//   node --conditions=react-server node-check.mjs --react-server   what a Server Component imports
//
// Exits non-zero on the first failed check; the consumer test prints what it wrote.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { join, relative } from 'node:path';

const reactServer = process.argv.includes('--react-server');
const PACKAGE = 'okaylive-capture';
const dir = join(process.cwd(), 'node_modules', PACKAGE);
const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
const namesFile = join(process.cwd(), '.okaylive-exports.json');

assert.equal(typeof window, 'undefined', 'no DOM here');
assert.equal(typeof document, 'undefined', 'no DOM here');

/** Every JavaScript subpath of the package: `.`, `./core`, `./element`, `./locales/ms`, `./standalone`… */
const subpaths = Object.keys(manifest.exports).filter(
  (key) => !key.includes('*') && !key.endsWith('.css') && key !== './package.json',
);
const specifier = (subpath) => (subpath === '.' ? PACKAGE : `${PACKAGE}/${subpath.slice(2)}`);

const names = {};
for (const subpath of subpaths) {
  const module = await import(specifier(subpath));
  names[subpath] = Object.keys(module).sort();
}
console.log(
  `imported ${subpaths.length} entries in Node${reactServer ? ' under the react-server condition' : ''}: ${subpaths.join(', ')}`,
);

if (reactServer) {
  // The stand-ins name the same exports as the client entries, and say what to do when used.
  const client = JSON.parse(readFileSync(namesFile, 'utf8'));
  assert.deepEqual(names, client, 'the react-server entries export the same names');
  const { OkayLiveCapture, registerLocale } = await import(PACKAGE);
  assert.throws(() => OkayLiveCapture({}), /'use client'/);
  assert.equal(typeof registerLocale, 'function');
  const element = await import(`${PACKAGE}/element`);
  assert.equal(element.ELEMENT_TAG, 'okaylive-capture');
  assert.throws(() => element.defineOkayLiveElement(), /'use client'/);
  console.log('react-server: the stand-ins import, and throw a message naming the fix when used');
} else {
  writeFileSync(namesFile, JSON.stringify(names));

  // A server render with the app's own React (18 or 19).
  const { createElement, version } = await import('react');
  const { renderToString } = await import('react-dom/server');
  const { OkayLiveCapture } = await import(PACKAGE);
  // React's development build reports server-render problems through console.error.
  const reported = [];
  const consoleError = console.error;
  console.error = (...args) => reported.push(args.map(String).join(' '));
  const html = renderToString(createElement(OkayLiveCapture, { apiBaseUrl: '/api/ekyc' }));
  console.error = consoleError;
  assert.deepEqual(reported, [], 'the server render reports no problem');
  assert.match(html, /data-state="idle"/);
  assert.match(html, /Start camera/);
  console.log(`React ${version}: <OkayLiveCapture> renders on the server (${html.length} characters of HTML)`);

  // The React entries are client modules for a Server Components bundler.
  for (const subpath of ['.', './element']) {
    const file = join(dir, manifest.exports[subpath].import);
    assert.match(
      readFileSync(file, 'utf8'),
      /^['"]use client['"];?\n/,
      `${relative(dir, file)} starts with 'use client'`,
    );
  }

  // ESM only: require() is refused with a clear code, not a half-loaded module.
  assert.throws(() => createRequire(join(process.cwd(), 'index.js'))(PACKAGE), {
    code: 'ERR_PACKAGE_PATH_NOT_EXPORTED',
  });

  // The manifest names only what the built files import: no server packages, React as a peer.
  assert.deepEqual(Object.keys(manifest.dependencies).sort(), [
    '@tanstack/query-core',
    '@tanstack/react-query',
    'react-webcam',
    'zustand',
  ]);
  assert.deepEqual(Object.keys(manifest.peerDependencies).sort(), ['react', 'react-dom']);
  const declared = [...Object.keys(manifest.dependencies), ...Object.keys(manifest.peerDependencies)];
  const files = (folder) =>
    readdirSync(folder, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(folder, e.name)) : [join(folder, e.name)],
    );
  const all = files(dir);
  assert.deepEqual(
    all.filter((f) => f.endsWith('.map')).map((f) => relative(dir, f)),
    [],
    'no source maps in the package',
  );
  // The built files are not minified: each import or re-export statement starts a line.
  const bare = (code) =>
    [...code.matchAll(/^(?:import|export)\s*(?:[^;'"]*?\sfrom\s*)?['"]([^'"]+)['"]/gm)]
      .map((m) => m[1])
      .filter((name) => !name.startsWith('.'));
  /** `react-dom/client` → `react-dom`, `@tanstack/react-query` as it is. */
  const packageOf = (name) => name.split('/', name.startsWith('@') ? 2 : 1).join('/');
  const imported = new Set();
  // lib/assets holds the prebuilt worker: one self-contained file, no imports.
  for (const file of all.filter(
    (f) => f.endsWith('.js') && relative(dir, f).startsWith('lib') && !relative(dir, f).startsWith('lib/assets'),
  )) {
    for (const name of bare(readFileSync(file, 'utf8'))) {
      imported.add(packageOf(name));
      assert.ok(
        declared.some((d) => name === d || name.startsWith(`${d}/`)),
        `${relative(dir, file)} imports ${name}, which the manifest does not declare`,
      );
    }
  }
  // …and every one of them is imported: the manifest lists nothing the library does not use.
  assert.deepEqual([...imported].sort(), [...declared].sort());
  const bin = join(dir, manifest.bin['okaylive-assets']);
  assert.ok(existsSync(bin));
  for (const name of bare(readFileSync(bin, 'utf8')))
    assert.ok(name.startsWith('node:') || builtinModules.includes(name), `the bin imports ${name}`);
  console.log(
    `manifest: dependencies ${Object.keys(manifest.dependencies).join(', ')}; peers ${Object.keys(manifest.peerDependencies).join(', ')}`,
  );
}
