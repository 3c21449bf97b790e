/**
 * `npm run bench:size`: prints gzip sizes of what a host downloads, and the analysis download
 * as transferred (the precompressed brotli sibling a browser gets; gzip beside it), per file.
 *
 *   own code     the library's JS + CSS as a React host bundles it, minified; React and the
 *                face-analysis assets excluded (target ≤ 40 KB gzip). Also shown with the small
 *                runtime libraries a React host may not have yet (react-query, zustand, react-webcam).
 *   standalone   the one-script-tag bundle, React included (target ≤ 120 KB gzip).
 *   analysis     the worker (Human's face detector + tfjs) and the model and WASM files, fetched once the camera
 *                starts: the detector, WASM and worker before the first hint, the mesh after it.
 *
 *   package      the npm tarball, packed and unpacked (bench-package.ts; target: packed under 3 MB).
 *   server       okaylive-capture-server's tarball, and how many packages installing it brings.
 *
 * For scale: a minimal page with AWS Amplify's FaceLivenessDetector builds to about 409 KB gzip
 * of JS+CSS before it fetches about 0.5 MB of model and WASM. Figures only; nothing asserted.
 */
import { gzipSync } from 'node:zlib';
import { build, type InlineConfig } from 'vite';
import { analysisAssets } from '../server/assets/analysis-assets.ts';
import { packageReport, serverPackageReport } from './bench-package.ts';
import { libraryConfig, ROOT, standaloneConfig } from './package-build.ts';
import { compress } from './precompress.ts';

interface Output {
  fileName: string;
  bytes: Uint8Array;
  /** Chunks this chunk imports statically. */
  imports: string[];
}

const gzip = (bytes: Uint8Array) => gzipSync(bytes).length;
const kb = (n: number) => `${(n / 1024).toFixed(1).padStart(7)} KB`;

async function outputs(config: InlineConfig): Promise<Output[]> {
  const result = await build(config);
  const all = (Array.isArray(result) ? result : [result]).flatMap((r: unknown) =>
    typeof r === 'object' && r !== null && 'output' in r && Array.isArray(r.output) ? (r.output as unknown[]) : [],
  );
  const files: Output[] = [];
  for (const item of all) {
    if (typeof item !== 'object' || item === null || !('fileName' in item) || typeof item.fileName !== 'string')
      continue;
    if (item.fileName.endsWith('.map')) continue;
    const text = 'code' in item && typeof item.code === 'string' ? item.code : 'source' in item ? item.source : '';
    const imports =
      'imports' in item && Array.isArray(item.imports)
        ? item.imports.filter((i): i is string => typeof i === 'string')
        : [];
    files.push({
      fileName: item.fileName,
      bytes: typeof text === 'string' ? Buffer.from(text) : (text as Uint8Array),
      imports,
    });
  }
  return files;
}

const isWorker = (f: Output) => /(^|\/)worker-[\w-]+\.js$/.test(f.fileName);

function line(label: string, raw: number, zipped: number, target?: number): void {
  const verdict =
    target === undefined
      ? ''
      : zipped <= target * 1024
        ? `  (target ≤ ${target} KB: ok)`
        : `  (target ≤ ${target} KB: OVER)`;
  console.log(`${label.padEnd(46)} ${kb(raw)} raw ${kb(zipped)} gzip${verdict}`);
}

/** An entry chunk and every chunk it pulls in: what a host that imports only that entry bundles. */
function closure(files: Output[], entry: string): Output[] {
  const byName = new Map(files.map((f) => [f.fileName, f]));
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const dep of byName.get(name)?.imports ?? []) visit(dep);
  };
  visit(entry);
  return files.filter((f) => seen.has(f.fileName));
}

function sum(files: Output[]): { raw: number; zipped: number } {
  return files.reduce((acc, f) => ({ raw: acc.raw + f.bytes.length, zipped: acc.zipped + gzip(f.bytes) }), {
    raw: 0,
    zipped: 0,
  });
}

/** Bundles a module of the host's runtime dependencies alone, to price what a React host adds. */
async function dependencyCost(): Promise<{ raw: number; zipped: number }> {
  const config = libraryConfig({ outDir: 'dist-package/.bench', write: false, minify: true });
  const files = await outputs({
    ...config,
    build: {
      ...config.build,
      lib: { entry: { deps: `${ROOT}/src/tooling/bench-deps.ts` }, formats: ['es'] },
      rollupOptions: { external: (id: string) => /^react($|\/)|^react-dom($|\/)/.test(id) },
    },
  });
  return sum(files.filter((f) => f.fileName.endsWith('.js')));
}

async function main(): Promise<void> {
  console.log('Building in memory (minified, production)…\n');
  const library = await outputs(libraryConfig({ outDir: 'dist-package/.bench', write: false, minify: true }));
  const own = library.filter((f) => !isWorker(f));
  const ownTotal = sum(own);
  const deps = await dependencyCost();
  const standalone = await outputs(standaloneConfig({ outDir: 'dist-package/.bench', write: false, minify: true }));
  const script = standalone.filter((f) => f.fileName.endsWith('.js') && !isWorker(f));
  const worker = standalone.find(isWorker) ?? library.find(isWorker);

  console.log('Library (ESM for bundlers; React, react-dom, react-query, zustand, react-webcam external)');
  for (const f of own.sort((a, b) => b.bytes.length - a.bytes.length))
    line(`  ${f.fileName}`, f.bytes.length, gzip(f.bytes));
  const css = own.filter((f) => f.fileName.endsWith('.css'));
  const component = sum([...closure(own, 'index.js'), ...css]);
  line('own code: <OkayLiveCapture> + style.css', component.raw, component.zipped, 40);
  line('  + react-query, zustand, react-webcam', component.raw + deps.raw, component.zipped + deps.zipped);
  line('all entries (element, core, seven locales) together', ownTotal.raw, ownTotal.zipped);
  console.log('');

  console.log('Standalone (one <script>, React included)');
  const scriptTotal = sum(script);
  line(`  ${script.map((f) => f.fileName).join(', ')}`, scriptTotal.raw, scriptTotal.zipped, 120);
  console.log('');

  console.log('Analysis download as transferred (precompressed brotli; gzip for browsers without it)');
  const transferred = (bytes: Uint8Array) => {
    const { br, gz } = compress(bytes);
    return { raw: bytes.length, br: br?.length ?? bytes.length, gz: gz?.length ?? bytes.length };
  };
  const row = (label: string, t: { raw: number; br: number; gz: number }) =>
    console.log(`${label.padEnd(46)} ${kb(t.raw)} raw ${kb(t.br)} br ${kb(t.gz)} gzip`);
  const add = (a: { raw: number; br: number; gz: number }, b: { raw: number; br: number; gz: number }) => ({
    raw: a.raw + b.raw,
    br: a.br + b.br,
    gz: a.gz + b.gz,
  });
  let all = { raw: 0, br: 0, gz: 0 };
  const libraryWorker = library.find(isWorker);
  if (libraryWorker) row('  worker, as a React host bundles it (lib)', transferred(libraryWorker.bytes));
  if (worker) {
    const t = transferred(worker.bytes);
    row("  worker (Human's face detector + tfjs WASM backend)", t);
    all = add(all, t);
  }
  for (const f of analysisAssets().files) {
    const t = transferred(f.bytes);
    row(`  ${f.name}`, t);
    // The browser fetches one of the two WASM builds: SIMD where supported (every current engine).
    if (f.file === 'tfjs-backend-wasm.wasm') continue;
    all = add(all, t);
  }
  // Everything loads before the first analysed frame: the detector and the landmarks together.
  row('analysis download (worker, SIMD WASM, detector, landmarks)', all);
  console.log('');
  console.log(
    `For scale: AWS Amplify FaceLivenessDetector, minimal page: about 409 KB gzip JS+CSS, then ~0.5 MB model/WASM.`,
  );
  console.log(
    `Ours before the camera starts: ${(scriptTotal.zipped / 1024).toFixed(1)} KB gzip standalone, or ${((component.zipped + deps.zipped) / 1024).toFixed(1)} KB gzip on top of React in a React app.`,
  );
  console.log('');
  packageReport();
  console.log('');
  serverPackageReport();
}

await main();
