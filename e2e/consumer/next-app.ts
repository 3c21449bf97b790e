/**
 * A fresh Next.js app (App Router) that installs both packed packages and renders the widget
 * from a `'use client'` component, as docs/embedding.md's Next.js section says: at `/` with
 * `workerUrl` pointing at the worker `npx okaylive-assets` copies, at `/default` without it. Next
 * itself comes from the registry (`next@latest`) at test time. The API is okaylive-capture-server
 * in a route handler, with `next.config.mjs`, both exactly as the guide's `file=next:` blocks
 * give them. Plain JavaScript: the TypeScript side of the package is the Vite consumer's check,
 * and Next would install TypeScript for a .tsx page.
 *
 * Everything but node_modules and the lockfile is remade on each run, in
 * e2e/.cache/consumer/consumer-next/.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { APP_PREFIX, CACHE, REPO, run, succeeded, tarball, TARBALL_DIR, type RunResult } from './app.ts';
import { readSnippets, step } from './snippets.ts';

export const NEXT_APP = join(CACHE, 'consumer-next');

export interface NextApp {
  dir: string;
  steps: Array<RunResult & { seconds: number }>;
  /** The worker as `npx okaylive-assets` copied it (`worker-<hash>.js`). */
  workerFile: string;
}

const MANIFEST = { name: 'okaylive-next-consumer', private: true, version: '0.0.0' };

/** The app's files. The page reports what the host heard (the capture's metadata, errors) for the test to read. */
function files(workerFile: string): Record<string, string> {
  return {
    'app/layout.js': `export const metadata = { title: 'Take a selfie' };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
`,
    'app/page.js': `import { SelfieStep } from './selfie-step';

// A Server Component: the widget lives in a client component of the app's own.
export default function Page() {
  return (
    <main>
      <h1>Take a selfie</h1>
      <SelfieStep workerUrl="/okaylive-assets/${workerFile}" />
    </main>
  );
}
`,
    // Without the prop: the widget finds the copy under assetsBaseUrl by itself.
    'app/default/page.js': `import { SelfieStep } from '../selfie-step';

export default function Page() {
  return (
    <main>
      <h1>Take a selfie</h1>
      <SelfieStep />
    </main>
  );
}
`,
    'app/selfie-step.js': `'use client';
import { OkayLiveCapture } from 'okaylive-capture';
import 'okaylive-capture/style.css';
import { useState } from 'react';

export function SelfieStep({ workerUrl }) {
  const [meta, setMeta] = useState(null);
  const [errors, setErrors] = useState([]);
  const [verdict, setVerdict] = useState(null);
  return (
    <>
      <OkayLiveCapture
        apiBaseUrl="/api/ekyc"
        workerUrl={workerUrl}
        onCapture={(_blob, m) => setMeta(m)}
        onResult={setVerdict}
        onError={(error) => setErrors((list) => [...list, error.code])}
      />
      <output id="capture-meta">{meta ? JSON.stringify(meta) : ''}</output>
      <output id="errors">{errors.join(' ')}</output>
      {verdict?.outcome === 'live' && <a href="/onboarding/next">Continue</a>}
    </>
  );
}
`,
  };
}

/** The guide's `file=next:` blocks, by their path in the app. */
function guideFiles(): Record<string, string> {
  const snippets = readSnippets(REPO);
  const out: Record<string, string> = {};
  for (const snippet of snippets.values()) {
    const app = APP_PREFIX.exec(snippet.key)?.[1];
    if (app === 'next') out[snippet.key.slice(`file=next:`.length)] = snippet.body;
  }
  for (const name of ['next.config.mjs', 'app/api/ekyc/[...route]/route.js'])
    if (!out[name]) throw new Error(`no <!-- consumer-test: file=next:${name} --> block in the guide`);
  return out;
}

/** The guide's backend install, for this app: the server package and the reference engine's peers. */
function backendPackages(): string[] {
  const install = step(readSnippets(REPO), 'run=backend');
  const engine = /^npm install (piscina [^\n#]+)/m.exec(install.body)?.[1];
  if (!engine) throw new Error(`${install.at} no longer installs the reference engine's peers`);
  return engine.trim().split(/\s+/);
}

export async function prepareNextApp(): Promise<NextApp> {
  const dir = NEXT_APP;
  mkdirSync(dir, { recursive: true });
  for (const entry of readdirSync(dir))
    if (entry !== 'node_modules' && entry !== 'package-lock.json')
      rmSync(join(dir, entry), { recursive: true, force: true });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(MANIFEST, null, 2)}\n`);
  const [file, serverFile] = (['okaylive-capture', 'okaylive-capture-server'] as const).map((name) => {
    const packed = tarball(name);
    const base = packed.slice(TARBALL_DIR.length + 1);
    cpSync(packed, join(dir, base));
    return base;
  });

  const steps: NextApp['steps'] = [];
  const timed = async (command: string, args: string[], timeoutMs: number) => {
    const started = Date.now();
    const result = succeeded(await run(command, args, dir, timeoutMs, { NEXT_TELEMETRY_DISABLED: '1' }));
    steps.push({ ...result, seconds: (Date.now() - started) / 1000 });
  };
  await timed(
    'npm',
    [
      'install',
      'next@latest',
      'react@^19.3.1',
      'react-dom@^19.3.1',
      `./${file}`,
      `./${serverFile}`,
      ...backendPackages(),
    ],
    600_000,
  );
  await timed('npx', ['okaylive-assets', 'public/okaylive-assets'], 120_000);

  const assets = join(dir, 'public', 'okaylive-assets');
  const workers = existsSync(assets) ? readdirSync(assets).filter((name) => /^worker-[\w-]+\.js$/.test(name)) : [];
  const workerFile = workers[0];
  if (workers.length !== 1 || !workerFile)
    throw new Error(`npx okaylive-assets copied ${workers.length} workers into ${assets}: ${workers.join(', ')}`);

  for (const [name, body] of Object.entries({ ...files(workerFile), ...guideFiles() })) {
    const target = join(dir, name);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, body);
  }
  return { dir, steps, workerFile };
}
