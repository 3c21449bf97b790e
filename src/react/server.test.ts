import { describe, expect, it } from 'vitest';
import { ClientOnlyError } from './client-only.ts';

/**
 * The `react-server` stand-ins (server.ts, ../element/server.ts) must name exactly what the
 * client entries export, or a Server Component's bundler would resolve a name to nothing; and
 * they must not pull React in (e2e/consumer imports the built ones under the real condition).
 */
const runtimeNames = (module: object) => Object.keys(module).sort();

describe('react-server stand-ins', () => {
  it('the package root: the same names as the client entry; the component and hooks say they are client code', async () => {
    const client = await import('./index.ts');
    const server = await import('./server.ts');
    expect(runtimeNames(server)).toEqual(runtimeNames(client));
    expect(() => server.OkayLiveCapture()).toThrow(ClientOnlyError);
    expect(() => server.useSession()).toThrow(
      /useSession from 'okaylive-capture' is client code: import it in a file that starts with 'use client'/,
    );
    // React-free helpers are the real ones.
    expect(server.registerLocale).toBe(client.registerLocale);
    expect(server.previewBox).toBe(client.previewBox);
  });

  it('the element entry: the same names; the tag is real, the rest says it is client code', async () => {
    const client = await import('../element/index.ts');
    const server = await import('../element/server.ts');
    expect(runtimeNames(server)).toEqual(runtimeNames(client));
    expect(server.ELEMENT_TAG).toBe(client.ELEMENT_TAG);
    expect(() => server.mount()).toThrow(/mount from 'okaylive-capture\/element' is client code/);
    expect(server.OkayLiveCaptureElement.name).toBe('OkayLiveCaptureElement');
  });
});
