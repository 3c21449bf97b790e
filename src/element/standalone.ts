/**
 * The one-script-tag build (React included): registers every shipped locale and the
 * <okaylive-capture> element, and exposes `OkayLive.mount()` on window.
 */
import { builtInLocales, registerBuiltInLocales } from '../core/i18n/locales.ts';
import { registerLocale } from '../core/i18n/translate.ts';
import { defineOkayLiveElement } from './element.ts';

registerBuiltInLocales();
defineOkayLiveElement();

export { mount } from './mount.tsx';
export { defineOkayLiveElement, registerLocale, builtInLocales as locales };
