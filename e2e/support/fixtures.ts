import { test as base } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { serverUploads, type Upload } from './uploads.ts';

/**
 * `uploads()` returns the okaylive uploads this test's pages made, as the server received
 * them (the tap server records them by the x-e2e-test header every page request carries).
 */
export const test = base.extend<{ uploads: () => Promise<Upload[]> }>({
  uploads: async ({ context, request }, use) => {
    const id = randomUUID();
    await context.setExtraHTTPHeaders({ 'x-e2e-test': id });
    await use(() => serverUploads(request, id));
  },
});

export { expect } from '@playwright/test';
