import type { CSSProperties } from 'react';

export type ColorScheme = 'light' | 'dark' | 'auto';

/** Colour roles; each maps to one `--okl-color-*` custom property (styles.css). */
export interface ThemeColors {
  background: string;
  text: string;
  /** Secondary text; keep 4.5:1 against `background`. */
  muted: string;
  primary: string;
  /** Text on `primary` buttons. */
  onPrimary: string;
  success: string;
  warning: string;
  danger: string;
  /** Focus ring. */
  focus: string;
}

export interface OkayLiveTheme {
  /** `auto` follows the person's system setting; default `light`. */
  scheme?: ColorScheme;
  colors?: Partial<ThemeColors>;
  /** Corner radius of the widget, preview and buttons: a CSS length or px. */
  radius?: string | number;
  /** CSS font-family. */
  font?: string;
}

export const COLOR_PROPERTIES: Readonly<Record<keyof ThemeColors, string>> = {
  background: '--okl-color-bg',
  text: '--okl-color-fg',
  muted: '--okl-color-muted',
  primary: '--okl-color-primary',
  onPrimary: '--okl-color-on-primary',
  success: '--okl-color-good',
  warning: '--okl-color-warn',
  danger: '--okl-color-bad',
  focus: '--okl-color-focus',
};

/**
 * The theme as custom properties on the widget's root. React sets them through the CSSOM,
 * which a strict CSP (no 'unsafe-inline' for styles) permits.
 */
export function themeStyle(theme: OkayLiveTheme | undefined): CSSProperties {
  const style: Record<string, string> = {};
  if (!theme) return style;
  for (const [role, property] of Object.entries(COLOR_PROPERTIES) as [keyof ThemeColors, string][]) {
    const value = theme.colors?.[role];
    if (value) style[property] = value;
  }
  if (theme.radius !== undefined)
    style['--okl-radius'] = typeof theme.radius === 'number' ? `${theme.radius}px` : theme.radius;
  if (theme.font) style['--okl-font'] = theme.font;
  return style;
}

export function isColorScheme(value: unknown): value is ColorScheme {
  return value === 'light' || value === 'dark' || value === 'auto';
}
