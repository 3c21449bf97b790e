import { describe, expect, it } from 'vitest';
import { workerAddress } from './worker-url.ts';

const page = 'https://shop.example/onboarding/selfie';
const assetsBaseUrl = 'https://shop.example/okaylive-assets/';

describe('workerAddress', () => {
  it.each([
    [
      'the bundled address, same origin',
      'https://shop.example/assets/worker-Ab1_x.js',
      undefined,
      'https://shop.example/assets/worker-Ab1_x.js',
    ],
    ['a blob: worker', 'blob:https://shop.example/1234', undefined, 'blob:https://shop.example/1234'],
    [
      'Next.js webpack: file:// with its own hash added',
      'file:///_next/static/media/worker-Ab1_x.0f3c2b1a.js',
      undefined,
      `${assetsBaseUrl}worker-Ab1_x.js`,
    ],
    [
      'Next.js Turbopack: file:// as emitted',
      'file:///_next/static/media/worker-Ab1_x.js',
      undefined,
      `${assetsBaseUrl}worker-Ab1_x.js`,
    ],
    [
      'another origin (a CDN)',
      'https://cdn.example/assets/worker-Ab1_x.js',
      undefined,
      `${assetsBaseUrl}worker-Ab1_x.js`,
    ],
    [
      'the host says where, relative to the page',
      'file:///_next/static/media/worker-Ab1_x.js',
      '/static/okaylive-worker.js',
      'https://shop.example/static/okaylive-worker.js',
    ],
    [
      'the host wins even over a usable bundled address',
      'https://shop.example/assets/worker-Ab1_x.js',
      '/w.js',
      'https://shop.example/w.js',
    ],
  ])('%s', (_name, bundled, workerUrl, expected) => {
    expect(workerAddress({ bundled: new URL(bundled), page, assetsBaseUrl, workerUrl }).href).toBe(expected);
  });

  it('refuses a file:// address whose name is not the package worker', () => {
    expect(() =>
      workerAddress({ bundled: new URL('file:///_next/static/media/chunk.js'), page, assetsBaseUrl }),
    ).toThrow(/workerUrl/);
  });

  it('refuses a copy on another origin (no module worker starts from there)', () => {
    expect(() =>
      workerAddress({
        bundled: new URL('file:///_next/static/media/worker-Ab1_x.js'),
        page,
        assetsBaseUrl: 'https://cdn.example/okaylive-assets/',
      }),
    ).toThrow(/cannot start a worker/);
  });
});
