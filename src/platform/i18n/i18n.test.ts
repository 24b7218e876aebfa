import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { catalogs, direction, LOCALES, negotiateLocale, translator } from './index.ts';

/** Every placeholder answers 2: a number for plurals, text for the rest. */
const anyValues = new Proxy({}, { has: () => true, get: () => 2 }) as Record<string, number>;

describe('catalogs', () => {
  const keys = Object.keys(catalogs.en).sort();

  it.each(LOCALES)('%s has every key of English and no others', (locale) => {
    expect(Object.keys(catalogs[locale]).sort()).toEqual(keys);
  });

  it.each(LOCALES)('%s messages all compile and format', (locale) => {
    for (const [key, source] of Object.entries(catalogs[locale])) {
      const text = new IntlMessageFormat(source, locale).format(anyValues);
      expect(String(text).length, `${locale} ${key}`).toBeGreaterThan(0);
    }
  });

  it('translations are not English copies', () => {
    for (const locale of LOCALES.filter((l) => l !== 'en')) {
      const same = keys.filter(
        (k) => catalogs[locale][k] === catalogs.en[k] && !/^(site\.name|support\.alwaysOn)$/.test(k),
      );
      expect(same.length, `${locale}: ${same.join(', ')}`).toBeLessThan(8); // a few words are the same in both (Contact, Europe)
    }
  });
});

describe('translator', () => {
  it('uses plural rules of the language', () => {
    expect(translator('ru')('support.count', { count: 3 })).not.toBe(translator('ru')('support.count', { count: 5 }));
    expect(translator('en')('support.count', { count: 1 })).toBe('1 result');
  });

  it('falls back to English, then to the key', () => {
    expect(translator('es')('no.such.key')).toBe('no.such.key');
  });
});

describe('locale negotiation', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['ar-EG,ar;q=0.9,en;q=0.8', 'ar'],
    ['de-DE,de;q=0.9,ru;q=0.5', 'ru'],
    ['en;q=0.2,fr;q=0.9', 'fr'],
    ['es;q=0', 'en'],
    ['*', 'en'],
  ])('%s -> %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });

  it('marks Arabic right-to-left', () => {
    expect(direction('ar')).toBe('rtl');
    expect(direction('ru')).toBe('ltr');
  });
});
