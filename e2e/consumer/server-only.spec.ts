import { mkdirSync, readdirSync, rmSync, writeFileSync, cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { FAKE_JOURNEY_ID, startFakeInnov8tif } from '../../src/server/testing/fake-innov8tif.ts';
import { selfieJpeg } from '../../src/server/testing/images.ts';
import { CACHE, run, succeeded, tarball, TARBALL_DIR } from './app.ts';
import { REFERENCE_PEERS } from '../../src/tooling/server-package-manifest.ts';

/**
 * An upstream-only backend: the server package installed alone (no optional peers), its API
 * created with credentials and driven through both faces in plain Node against a stand-in for
 * Innov8tif's portal. The analysis stack must not be installed, nor needed.
 */

const APP = join(CACHE, 'server-only');

const CHECK = `import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createOkayLiveApi } from 'okaylive-capture-server';
import { okayliveRouteHandlers } from 'okaylive-capture-server/next';

const [baseUrl, image] = process.argv.slice(2);
const api = createOkayLiveApi({ upstream: { baseUrl, username: 'bank', password: 'secret' }, logger: 'off', answerMode: 'full' });
const base = 'http://localhost/api/ekyc';

// The Fetch face, as a Next.js route handler.
const { POST } = okayliveRouteHandlers(api);
const journey = await (await POST(new Request(base + '/journeyid', { method: 'POST' }))).json();
const form = new FormData();
form.append('imageBest', new Blob([readFileSync(image)], { type: 'image/jpeg' }), 'selfie.jpg');
form.append('journeyId', journey.journeyId);
const checked = await (await POST(new Request(base + '/okaylive', { method: 'POST', body: form }))).json();

// The Node face, in Node's own server.
const server = http.createServer((req, res) => api.node(req, res, () => { res.statusCode = 404; res.end(); }));
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const engine = await (await fetch('http://127.0.0.1:' + server.address().port + '/api/ekyc/engine')).json();
server.close();
await api.close();
console.log(JSON.stringify({ journey, checked, engine }));
`;

test('the server package alone: an upstream-only backend needs none of the analysis stack', async () => {
  test.setTimeout(300_000);
  mkdirSync(APP, { recursive: true });
  for (const entry of readdirSync(APP))
    if (entry !== 'node_modules' && entry !== 'package-lock.json')
      rmSync(join(APP, entry), { recursive: true, force: true });
  writeFileSync(
    join(APP, 'package.json'),
    `${JSON.stringify({ name: 'upstream-only-backend', private: true, type: 'module' }, null, 2)}\n`,
  );
  const packed = tarball('okaylive-capture-server');
  const file = packed.slice(TARBALL_DIR.length + 1);
  cpSync(packed, join(APP, file));
  succeeded(await run('npm', ['install', `./${file}`], APP, 240_000));
  for (const peer of REFERENCE_PEERS) expect(existsSync(join(APP, 'node_modules', peer)), peer).toBe(false);
  writeFileSync(join(APP, 'check.mjs'), CHECK);
  writeFileSync(join(APP, 'selfie.jpg'), await selfieJpeg());

  const fake = await startFakeInnov8tif({ username: 'bank', password: 'secret' });
  try {
    const result = succeeded(await run(process.execPath, ['check.mjs', fake.url, 'selfie.jpg'], APP, 60_000));
    const said = JSON.parse(result.output.trim().split('\n').pop() ?? '{}') as Record<string, Record<string, unknown>>;
    expect(said.journey).toMatchObject({ status: 'success', journeyId: FAKE_JOURNEY_ID });
    expect(said.checked).toMatchObject({ status: 'success', messageCode: 'api.success' });
    expect(said.engine).toEqual({ engine: 'okaylive' });
    // The credentials went to the portal, never anywhere else.
    expect(fake.received.map((r) => r.path)).toEqual(['/api/ekyc/journeyid', '/api/ekyc/okaylive']);
  } finally {
    await fake.close();
  }
});
