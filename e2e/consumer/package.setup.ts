import { mkdirSync, rmSync } from 'node:fs';
import { test } from '@playwright/test';
import { REPO, run, succeeded, TARBALL_DIR } from './app.ts';

/**
 * Builds the package and packs it as a publisher would (`npm pack` of dist-package/, the
 * generated manifest): the tarball every consumer app of this run installs.
 */
test('the package builds and packs', async () => {
  test.setTimeout(240_000);
  rmSync(TARBALL_DIR, { recursive: true, force: true });
  mkdirSync(TARBALL_DIR, { recursive: true });
  succeeded(await run('npm', ['run', 'build:package'], REPO, 200_000));
  const packed = succeeded(await run('npm', ['pack', './dist-package', '--pack-destination', TARBALL_DIR], REPO, 60_000));
  console.log(
    packed.output
      .split('\n')
      .filter((line) => /package size|unpacked size|total files|\.tgz$/.test(line))
      .join('\n'),
  );
});
