import type { CSSProperties } from 'react';
import type { LocaleInfo } from '../../core/i18n/translate.ts';
import type { Layout } from '../props.ts';
import { themeStyle, type OkayLiveTheme } from './theme.ts';

export interface RootAttributes {
  lang: string;
  dir: 'ltr' | 'rtl';
  style: CSSProperties;
  'data-scheme': 'light' | 'dark' | 'auto';
  'data-layout': Layout;
  part: string;
}

/** Language, direction, theme and layout hooks of the widget's root element. */
export function rootAttributes(
  locale: LocaleInfo,
  theme: OkayLiveTheme | undefined,
  layout: Layout | undefined,
): RootAttributes {
  return {
    lang: locale.lang,
    dir: locale.dir,
    style: themeStyle(theme),
    'data-scheme': theme?.scheme ?? 'light',
    'data-layout': layout ?? 'auto',
    part: 'root',
  };
}
