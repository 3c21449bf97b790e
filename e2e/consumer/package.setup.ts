import { mkdirSync, rmSync } from 'node:fs';
import { test } from '@playwright/test';
import { REPO, run, succeeded, TARBALL_DIR } from './app.ts';

/**
 * Builds both packages and packs them as a publisher would (`npm pack` of dist-package/ and
 * dist-server-package/, each with its generated manifest): the tarballs every consumer app of
 * this run installs.
 */
test('the packages build and pack', async () => {
  test.setTimeout(300_000);
  rmSync(TARBALL_DIR, { recursive: true, force: true });
  mkdirSync(TARBALL_DIR, { recursive: true });
  succeeded(await run('npm', ['run', 'build:package'], REPO, 200_000));
  succeeded(await run('npm', ['run', 'build:server-package'], REPO, 120_000));
  for (const folder of ['./dist-package', './dist-server-package']) {
    const packed = succeeded(await run('npm', ['pack', folder, '--pack-destination', TARBALL_DIR], REPO, 60_000));
    console.log(
      packed.output
        .split('\n')
        .filter((line) => /package size|unpacked size|total files|\.tgz$/.test(line))
        .join('\n'),
    );
  }
});
