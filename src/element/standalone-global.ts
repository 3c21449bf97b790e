/**
 * The types of `okaylive-capture/standalone`, the one-script build. The script exports nothing:
 * loading it defines `<okaylive-capture>` and `window.OkayLive`. A TypeScript page that loads it
 * writes `import type {} from 'okaylive-capture/standalone'` once, and both are typed.
 */
import type {} from './element.ts';
import type * as Standalone from './standalone.ts';

/** `window.OkayLive`: `mount()`, `defineOkayLiveElement()`, `registerLocale()` and the shipped `locales`. */
export type OkayLiveGlobal = typeof Standalone;

declare global {
  interface Window {
    OkayLive: OkayLiveGlobal;
  }
}
