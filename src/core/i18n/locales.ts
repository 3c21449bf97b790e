import { en } from './en.ts';
import { fil } from './fil.ts';
import { id } from './id.ts';
import { ms } from './ms.ts';
import { ta } from './ta.ts';
import { th } from './th.ts';
import type { Messages } from './translate.ts';
import { registerLocale } from './translate.ts';
import { vi } from './vi.ts';
import { zh } from './zh.ts';

export { en, fil, id, ms, ta, th, vi, zh };

/** Every catalogue this package ships, by language tag. */
export const builtInLocales: Readonly<Record<'en' | 'ms' | 'id' | 'zh' | 'th' | 'vi' | 'fil' | 'ta', Messages>> = {
  en,
  ms,
  id,
  zh,
  th,
  vi,
  fil,
  ta,
};

/**
 * Filipino is standardised Tagalog, and many phones and browsers still send Tagalog's `tl` /
 * `tl-PH`. A tag only resolves to a registered prefix, so `tl` is registered beside `fil`
 * rather than listed as a language of its own.
 */
const aliases: Readonly<Record<string, Messages>> = { tl: fil };

/** Registers all shipped catalogues at once (the standalone bundle and the web component do). */
export function registerBuiltInLocales(): void {
  for (const [tag, messages] of Object.entries({ ...builtInLocales, ...aliases })) registerLocale(tag, messages);
}
