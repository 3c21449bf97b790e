import { en, type MessageKey, type Messages } from './en.ts';

export type { MessageKey, Messages } from './en.ts';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * Only English is always present. Other catalogues are registered by the host
 * (`registerLocale('ms', ms)` with `ms` from `./ms.ts`, or `registerBuiltInLocales()` from
 * `./locales.ts`), so a React host that needs one language does not ship eight. The
 * standalone bundle registers all of them.
 */
const catalogues = new Map<string, Messages>([['en', en]]);

export function registerLocale(locale: string, messages: Messages): void {
  catalogues.set(locale.toLowerCase(), messages);
}

/** The registered tag a request resolves to: "ms-MY" → "ms", "zh-Hans-CN" → "zh", unknown → null. */
export function matchLocale(locale: string | undefined): string | null {
  if (!locale) return null;
  const wanted = locale.toLowerCase().replace(/_/g, '-');
  if (catalogues.has(wanted)) return wanted;
  const parts = wanted.split('-');
  // Longest registered prefix first, so a host may register "zh-tw" beside "zh".
  for (let n = parts.length - 1; n > 0; n -= 1) {
    const prefix = parts.slice(0, n).join('-');
    if (catalogues.has(prefix)) return prefix;
  }
  return null;
}

export function catalogueFor(locale: string | undefined): Messages {
  const tag = matchLocale(locale);
  return (tag ? catalogues.get(tag) : undefined) ?? en;
}

const RTL = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ks', 'ps', 'sd', 'ug', 'ur', 'yi']);

export interface LocaleInfo {
  /** BCP 47 tag of the text actually shown, for the root's `lang` (screen-reader voice). */
  lang: string;
  dir: 'ltr' | 'rtl';
}

/**
 * What the root element should declare. A locale with no catalogue but with host-supplied
 * messages keeps its own tag (the host is translating); one with neither falls back to English.
 */
export function localeInfo(locale: string | undefined, overrides?: Partial<Messages>): LocaleInfo {
  const matched = matchLocale(locale);
  const hasOverrides = overrides !== undefined && Object.keys(overrides).length > 0;
  const lang = matched && locale ? locale : hasOverrides && locale ? locale : 'en';
  const language = lang.toLowerCase().split(/[-_]/)[0] ?? 'en';
  return { lang, dir: RTL.has(language) ? 'rtl' : 'ltr' };
}

export function createTranslator(locale?: string, overrides?: Partial<Messages>): Translate {
  const base = catalogueFor(locale);
  return (key, params) => {
    const text = overrides?.[key] ?? base[key] ?? en[key];
    return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m)) : text;
  };
}
