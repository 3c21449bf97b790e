import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { builtInLocales, registerBuiltInLocales } from './locales.ts';
import type { MessageKey } from './translate.ts';
import { catalogueFor, createTranslator, localeInfo, matchLocale } from './translate.ts';

const keys = Object.keys(en) as MessageKey[];
const translations = Object.entries(builtInLocales).filter(([tag]) => tag !== 'en');
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/**
 * Text in each language's own script: a catalogue pasted from the wrong language, or Vietnamese
 * with its diacritics stripped (still readable Latin, but wrong and sometimes rude), fails.
 */
const script: Partial<Record<string, RegExp>> = {
  zh: /[\u4e00-\u9fff]/,
  th: /[\u0e00-\u0e7f]/,
  ta: /[\u0b80-\u0bff]/,
  vi: /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i,
};

describe.each(translations)('catalogue %s', (tag, messages) => {
  it('has exactly the English keys', () => {
    expect(Object.keys(messages).sort()).toEqual([...keys].sort());
  });

  it.each(keys)('%s is translated, not copied, and keeps its placeholders', (key) => {
    const text = messages[key];
    expect(text.trim()).toBe(text);
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toBe(en[key]);
    expect(placeholders(text)).toEqual(placeholders(en[key]));
    // A progress text keeps its ellipsis, so screen readers and eyes both read "in progress".
    expect(text.endsWith('…')).toBe(en[key].endsWith('…'));
    const letters = script[tag];
    if (letters) expect(text).toMatch(letters);
  });
});

describe('locale selection', () => {
  it('is English only until a catalogue is registered (the core stays tree-shakable)', () => {
    expect(matchLocale('ms')).toBeNull();
    expect(matchLocale('tl')).toBeNull();
    expect(catalogueFor('ms')).toBe(en);
    expect(catalogueFor('th-TH')).toBe(en);
    expect(localeInfo('ms')).toEqual({ lang: 'en', dir: 'ltr' });
  });

  it('ships the eight languages, each its own catalogue', () => {
    expect(Object.keys(builtInLocales)).toEqual(['en', 'ms', 'id', 'zh', 'th', 'vi', 'fil', 'ta']);
    expect(new Set(Object.values(builtInLocales)).size).toBe(8);
  });

  it.each([
    ['ms', 'ms'],
    ['ms-MY', 'ms'],
    ['id-ID', 'id'],
    ['zh-Hans-CN', 'zh'],
    ['zh_CN', 'zh'],
    ['EN-gb', 'en'],
    ['th', 'th'],
    ['th-TH', 'th'],
    ['vi-VN', 'vi'],
    ['fil', 'fil'],
    ['fil-PH', 'fil'],
    ['ta-SG', 'ta'],
    ['ta-MY', 'ta'],
    ['km-KH', null],
    [undefined, null],
  ] as const)('%s resolves to %s', (requested, tag) => {
    registerBuiltInLocales();
    expect(matchLocale(requested)).toBe(tag);
  });

  it.each([
    ['th-TH', 'th'],
    ['vi_VN', 'vi'],
    ['fil-PH', 'fil'],
    ['tl', 'fil'],
    ['tl-PH', 'fil'],
    ['TL_ph', 'fil'],
    ['ta-SG', 'ta'],
    ['ta-MY', 'ta'],
    ['ta-IN', 'ta'],
    ['km-KH', 'en'],
  ] as const)('%s is shown in the %s catalogue', (requested, tag) => {
    registerBuiltInLocales();
    expect(catalogueFor(requested)).toBe(builtInLocales[tag]);
    expect(createTranslator(requested)('action.retry')).toBe(builtInLocales[tag]['action.retry']);
  });

  it('translates with overrides on top of the chosen catalogue', () => {
    registerBuiltInLocales();
    const t = createTranslator('id-ID', { 'action.start': 'Mulai' });
    expect(t('action.start')).toBe('Mulai');
    expect(t('action.capture')).toBe(builtInLocales.id['action.capture']);
  });

  it.each([
    ['ms-MY', undefined, { lang: 'ms-MY', dir: 'ltr' }],
    ['tl-PH', undefined, { lang: 'tl-PH', dir: 'ltr' }],
    ['ta-SG', undefined, { lang: 'ta-SG', dir: 'ltr' }],
    ['ar-EG', { 'action.start': 'ابدأ' }, { lang: 'ar-EG', dir: 'rtl' }],
    ['he', undefined, { lang: 'en', dir: 'ltr' }],
    [undefined, undefined, { lang: 'en', dir: 'ltr' }],
  ] as const)('root of %s declares the text actually shown', (locale, overrides, info) => {
    registerBuiltInLocales();
    expect(localeInfo(locale, overrides)).toEqual(info);
  });
});
