import { describe, expect, it } from 'vitest';
import {
  acceptedEncodings,
  cacheControlFor,
  IMMUTABLE,
  isWithheld,
  mayBeCompressed,
  REVALIDATE,
} from './static-policy.ts';

describe('cacheControlFor', () => {
  it.each([
    ['/assets/index-Dg_8EETt.js', IMMUTABLE],
    ['/okaylive-assets/facemesh.3fa9c2d1.bin', IMMUTABLE],
    ['/okaylive-assets/tfjs-backend-wasm-simd.0b1c2d3e.wasm', IMMUTABLE],
    ['/okaylive-assets/models/blazeface.0123456789abcdef.json', IMMUTABLE],
    ['/okaylive-assets/blazeface.json', REVALIDATE],
    ['/okaylive-assets/tfjs-backend-wasm-simd.wasm', REVALIDATE],
    ['/okaylive-assets/facemesh.3fa9c2d.bin', REVALIDATE],
    ['/okaylive-assets/facemesh.0123456789abcdef0.bin', REVALIDATE],
    ['/okaylive-assets/facemesh.3FA9C2D1.bin', REVALIDATE],
    ['/okaylive-assets/3fa9c2d1.bin', REVALIDATE],
    ['/okaylive-assets/facemesh.3fa9c2g1.bin', REVALIDATE],
    ['/okaylive/facemesh.3fa9c2d1.bin', REVALIDATE],
    ['/okaylive/okaylive-capture.js', REVALIDATE],
    ['/', REVALIDATE],
    ['/onboarding.html', REVALIDATE],
  ])('%s → %s', (path, expected) => {
    expect(cacheControlFor(path)).toBe(expected);
  });
});

describe('mayBeCompressed', () => {
  it.each([
    ['/okaylive/okaylive-capture.js', true],
    ['/assets/index.mjs', true],
    ['/assets/style.css', true],
    ['/okaylive-assets/blazeface.json', true],
    ['/onboarding.html', true],
    ['/', true],
    ['/standalone', true],
    ['/icon.svg', true],
    ['/okaylive-assets/tfjs-backend-wasm.wasm', true],
    ['/okaylive-assets/facemesh.bin', false],
    ['/favicon.png', false],
    ['/photo.jpg', false],
  ])('%s → %s', (path, expected) => {
    expect(mayBeCompressed(path)).toBe(expected);
  });
});

describe('isWithheld', () => {
  it.each([
    ['/okaylive/okaylive-capture.js.map', true],
    ['/assets/index-Dg_8EETt.js.map', true],
    ['/assets/index.js%2Emap', true],
    ['/assets/index.js%2emap', true],
    ['/okaylive/okaylive-capture.js.br', true],
    ['/okaylive/okaylive-capture.js.gz', true],
    ['/okaylive/okaylive-capture.js.MAP', true],
    ['/okaylive/okaylive-capture.js', false],
    ['/okaylive-assets/facemesh.bin', false],
    ['/maps/index.html', false],
  ])('%s → %s', (path, expected) => {
    expect(isWithheld(path)).toBe(expected);
  });
});

describe('acceptedEncodings', () => {
  it.each([
    [undefined, { br: false, gzip: false }],
    ['', { br: false, gzip: false }],
    ['gzip, deflate, br, zstd', { br: true, gzip: true }],
    ['gzip', { br: false, gzip: true }],
    ['br', { br: true, gzip: false }],
    ['br;q=0, gzip', { br: false, gzip: true }],
    ['br; q=0.0, gzip;q=0', { br: false, gzip: false }],
    ['BR;Q=0.5', { br: true, gzip: false }],
    ['*', { br: true, gzip: true }],
    ['*;q=0, gzip', { br: false, gzip: true }],
    ['identity', { br: false, gzip: false }],
    ['brotli', { br: false, gzip: false }],
  ])('%j → %j', (header, expected) => {
    expect(acceptedEncodings(header)).toEqual(expected);
  });
});
