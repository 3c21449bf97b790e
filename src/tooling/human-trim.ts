/**
 * Vite plugin for the analysis worker's bundle: Human's no-bundle build carries two sample
 * photos as base64 JPEG (~55 KB, ~40 KB of brotli) for its warm-up, which the worker never runs
 * (`warmup: 'none'`, human-config.ts). They are emptied at build time: that is most of what
 * keeps the download before the first hint under 600 KiB on a phone. A Human version without
 * them is left as it is.
 */
import type { Plugin } from 'vite';

const HUMAN_BUNDLE = /@vladmandic[\\/]human[\\/]dist[\\/]human\.esm-nobundle\.js$/;
/** A template literal holding nothing but a base64 JPEG (JPEG files start FF D8 FF: "/9j/"). */
const EMBEDDED_JPEG = /`\s*\/9j\/[A-Za-z0-9+/=\s]*`/g;

/** Replaces every embedded base64 JPEG with an empty string; returns the code and how many went. */
export function withoutSamplePhotos(code: string): { code: string; removed: number } {
  let removed = 0;
  const out = code.replace(EMBEDDED_JPEG, () => {
    removed += 1;
    return '``';
  });
  return { code: out, removed };
}

export function trimHuman(): Plugin {
  return {
    name: 'okaylive-trim-human',
    apply: 'build',
    transform(code, id) {
      if (!HUMAN_BUNDLE.test(id)) return null;
      const { code: trimmed, removed } = withoutSamplePhotos(code);
      return removed > 0 ? { code: trimmed, map: null } : null;
    },
  };
}
