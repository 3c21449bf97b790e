/**
 * A fresh Next.js app (App Router) that installs the packed package and renders the widget
 * from a `'use client'` component, as docs/embedding.md's Next.js section says: at `/` with
 * `workerUrl` pointing at the worker `npx okaylive-assets` copies, at `/default` without it. Next itself comes from the registry
 * (`next@latest`) at test time. The API is this repository's, on its own port, reached through
 * the app's rewrites (e2e/consumer/api-server.ts). Plain JavaScript: the TypeScript side of the
 * package is the Vite consumer's check, and Next would install TypeScript for a .tsx page.
 *
 * Everything but node_modules and the lockfile is remade on each run, in
 * e2e/.cache/consumer/consumer-next/.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CACHE, run, succeeded, tarball, TARBALL_DIR, type RunResult } from './app.ts';

export const NEXT_APP = join(CACHE, 'consumer-next');

export interface NextApp {
  dir: string;
  steps: Array<RunResult & { seconds: number }>;
  /** The worker as `npx okaylive-assets` copied it (`worker-<hash>.js`). */
  workerFile: string;
}

const MANIFEST = { name: 'okaylive-next-consumer', private: true, version: '0.0.0' };

/** The app's files. The page reports what the host heard (the capture's metadata, errors) for the test to read. */
function files(workerFile: string, apiOrigin: string): Record<string, string> {
  return {
    'next.config.mjs': `/** This repository's API stands in for the host's backend: /api/ekyc goes to it. */
export default {
  async rewrites() {
    return [{ source: '/api/ekyc/:path*', destination: '${apiOrigin}/api/ekyc/:path*' }];
  },
};
`,
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

export async function prepareNextApp(apiOrigin: string): Promise<NextApp> {
  const dir = NEXT_APP;
  mkdirSync(dir, { recursive: true });
  for (const entry of readdirSync(dir))
    if (entry !== 'node_modules' && entry !== 'package-lock.json') rmSync(join(dir, entry), { recursive: true, force: true });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(MANIFEST, null, 2)}\n`);
  const packed = tarball();
  const file = packed.slice(TARBALL_DIR.length + 1);
  cpSync(packed, join(dir, file));

  const steps: NextApp['steps'] = [];
  const timed = async (command: string, args: string[], timeoutMs: number) => {
    const started = Date.now();
    const result = succeeded(await run(command, args, dir, timeoutMs, { NEXT_TELEMETRY_DISABLED: '1' }));
    steps.push({ ...result, seconds: (Date.now() - started) / 1000 });
  };
  await timed('npm', ['install', 'next@latest', 'react@^19.3.1', 'react-dom@^19.3.1', `./${file}`], 600_000);
  await timed('npx', ['okaylive-assets', 'public/okaylive-assets'], 120_000);

  const assets = join(dir, 'public', 'okaylive-assets');
  const workers = existsSync(assets) ? readdirSync(assets).filter((name) => /^worker-[\w-]+\.js$/.test(name)) : [];
  const workerFile = workers[0];
  if (workers.length !== 1 || !workerFile) throw new Error(`npx okaylive-assets copied ${workers.length} workers into ${assets}: ${workers.join(', ')}`);

  for (const [name, body] of Object.entries(files(workerFile, apiOrigin))) {
    const target = join(dir, name);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, body);
  }
  return { dir, steps, workerFile };
}
