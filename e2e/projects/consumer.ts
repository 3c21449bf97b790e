import type { Project } from '@playwright/test';
import { cameraUse } from './browser.ts';

/**
 * The package as a consumer installs it (e2e/consumer/): packed once, then a fresh Vite
 * react-ts app per React version follows the embedding guide and completes checks with the
 * compliant clip. Run them with `--project 'consumer*'`.
 */
export const consumerProjects: Project[] = [
  { name: 'consumer-package', testMatch: /consumer\/package\.setup\.ts/ },
  {
    name: 'consumer-react-18',
    testMatch: /consumer\/consumer-app\.spec\.ts/,
    dependencies: ['consumer-package'],
    metadata: { react: '^18.3.1', types: '^18.3.0' },
    use: cameraUse('compliant'),
  },
  {
    name: 'consumer-react-19',
    testMatch: /consumer\/consumer-app\.spec\.ts/,
    dependencies: ['consumer-package'],
    metadata: { react: '^19.3.1', types: '^19.3.0' },
    use: cameraUse('compliant'),
  },
  // The server package installed alone, upstream-only: e2e/consumer/server-only.spec.ts.
  { name: 'consumer-server-only', testMatch: /consumer\/server-only\.spec\.ts/, dependencies: ['consumer-package'] },
  // Next.js (App Router), built with Turbopack and with webpack: e2e/consumer/next-app.spec.ts.
  {
    name: 'consumer-next',
    testMatch: /consumer\/next-app\.spec\.ts/,
    dependencies: ['consumer-package'],
    use: cameraUse('compliant'),
  },
];
