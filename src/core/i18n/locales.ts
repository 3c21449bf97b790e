import { en } from './en.ts';
import { id } from './id.ts';
import { ms } from './ms.ts';
import type { Messages } from './translate.ts';
import { registerLocale } from './translate.ts';
import { zh } from './zh.ts';

export { en, id, ms, zh };

/** Every catalogue this package ships, by language tag. */
export const builtInLocales: Readonly<Record<'en' | 'ms' | 'id' | 'zh', Messages>> = { en, ms, id, zh };

/** Registers all shipped catalogues at once (the standalone bundle and the web component do). */
export function registerBuiltInLocales(): void {
  for (const [tag, messages] of Object.entries(builtInLocales)) registerLocale(tag, messages);
}
