import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { themeStyle } from './theme.ts';

const css = (file: string) => readFileSync(new URL(file, import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

interface Rule {
  selectors: string[];
  body: string;
  atRule: string | null;
}

/** Style rules with their enclosing at-rule; @keyframes bodies are not style rules. */
function rules(text: string, atRule: string | null = null): Rule[] {
  const found: Rule[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{', i);
    if (open < 0) break;
    const prelude = text.slice(i, open).trim();
    let depth = 1;
    let j = open + 1;
    while (j < text.length && depth > 0) {
      if (text[j] === '{') depth += 1;
      if (text[j] === '}') depth -= 1;
      j += 1;
    }
    const body = text.slice(open + 1, j - 1);
    if (prelude.startsWith('@media') || prelude.startsWith('@supports')) found.push(...rules(body, prelude));
    else if (!prelude.startsWith('@keyframes'))
      found.push({ selectors: prelude.split(',').map((s) => s.trim()), body, atRule });
    i = j;
  }
  return found;
}

function tokens(rule: Rule): Record<string, string> {
  return Object.fromEntries(
    [...rule.body.matchAll(/(--okl-[\w-]+)\s*:\s*([^;]+);/g)].map((m): [string, string] => [
      m[1] ?? '',
      m[2]?.trim() ?? '',
    ]),
  );
}

function luminance(hex: string): number {
  const value = hex.replace('#', '');
  const [r, g, b] = [0, 2, 4]
    .map((k) => parseInt(value.slice(k, k + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

/** The files okaylive.css imports, relative to this folder. */
const imported = [...css('../okaylive.css').matchAll(/@import '\.\/([^']+)'/g)].map((m) => `../${m[1] ?? ''}`);

function cssFilesUnder(dir: string, prefix: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? cssFilesUnder(`${dir}/${entry.name}`, `${prefix}${entry.name}/`)
      : entry.name.endsWith('.css')
        ? [`${prefix}${entry.name}`]
        : [],
  );
}

describe('stylesheets stay inside the widget', () => {
  it('okaylive.css lists every stylesheet of the React views (the shadow root gets only that file)', () => {
    const all = cssFilesUnder(fileURLToPath(new URL('..', import.meta.url)), '../').filter(
      (f) => f !== '../okaylive.css',
    );
    expect([...imported].sort()).toEqual(all.sort());
    expect(imported[0]).toBe('../theme/theme.css');
  });

  it.each(imported.filter((f) => !f.endsWith('theme/theme.css')))('%s: every selector starts at .okl-root', (file) => {
    for (const rule of rules(css(file)))
      for (const selector of rule.selectors) expect(selector).toMatch(/^\.okl-root\b/);
  });

  it('theme.css only sets tokens on the widget root or the custom element host', () => {
    for (const rule of rules(css('./theme.css'))) {
      for (const selector of rule.selectors)
        expect(selector).toMatch(/^(:where\(:not\(\.okl-shadow\) > \.okl-root(\[[^\]]*\])?\)|:host(\(\[[^\]]*\]\))?)$/);
    }
  });
});

describe('colour contrast of every scheme (WCAG 2.2 AA, 4.5:1 for text)', () => {
  const schemes = rules(css('./theme.css'))
    .filter((r) => r.body.includes('--okl-color-bg'))
    .map((r) => ({ name: `${r.atRule ?? ''} ${r.selectors[0] ?? ''}`.trim(), tokens: tokens(r) }));

  it('has light, dark and auto-dark schemes', () => {
    expect(schemes).toHaveLength(3);
  });

  it.each(
    schemes.flatMap((s) => [
      [s.name, 'fg', 'bg'],
      [s.name, 'muted', 'bg'],
      [s.name, 'primary', 'bg'],
      [s.name, 'on-primary', 'primary'],
      [s.name, 'good', 'bg'],
      [s.name, 'warn', 'bg'],
      [s.name, 'bad', 'bg'],
      [s.name, 'focus', 'bg'],
    ]),
  )('%s: %s on %s', (name, text, background) => {
    const scheme = schemes.find((s) => s.name === name);
    const fg = scheme?.tokens[`--okl-color-${text}`] ?? '';
    const bg = scheme?.tokens[`--okl-color-${background}`] ?? '';
    expect(fg).toMatch(/^#[0-9a-f]{6}$/i);
    expect(bg).toMatch(/^#[0-9a-f]{6}$/i);
    expect(contrast(fg, bg)).toBeGreaterThanOrEqual(4.5);
  });

  it('dark and auto-dark are the same palette', () => {
    expect(schemes[2]?.tokens).toEqual(schemes[1]?.tokens);
  });
});

describe('themeStyle', () => {
  it('maps roles to custom properties and numbers to px', () => {
    expect(
      themeStyle({ colors: { primary: '#c00', onPrimary: '#fff' }, radius: 4, font: 'Inter, sans-serif' }),
    ).toEqual({
      '--okl-color-primary': '#c00',
      '--okl-color-on-primary': '#fff',
      '--okl-radius': '4px',
      '--okl-font': 'Inter, sans-serif',
    });
  });

  it('sets nothing it was not given', () => {
    expect(themeStyle(undefined)).toEqual({});
    expect(themeStyle({ scheme: 'dark', radius: '0.5rem' })).toEqual({ '--okl-radius': '0.5rem' });
  });
});
