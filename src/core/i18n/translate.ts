import { en, type MessageKey, type Messages } from './en.ts';

export type { MessageKey, Messages } from './en.ts';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const catalogues: Record<string, Messages> = { en };

/** Lets a locale module add itself without the core importing every language. */
export function registerLocale(locale: string, messages: Messages): void {
  catalogues[locale.toLowerCase()] = messages;
}

/** Picks the closest catalogue: "ms-MY" → "ms", unknown → English. */
export function catalogueFor(locale: string | undefined): Messages {
  const wanted = (locale ?? 'en').toLowerCase();
  return catalogues[wanted] ?? catalogues[wanted.split('-')[0] ?? 'en'] ?? en;
}

export function createTranslator(locale?: string, overrides?: Partial<Messages>): Translate {
  const base = catalogueFor(locale);
  return (key, params) => {
    const text = overrides?.[key] ?? base[key] ?? en[key];
    return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m)) : text;
  };
}
