// What people type when they need help finds the right mechanisms of the shipped directory, in every
// language: the expectations come from the records' own kinds, never from a fixed list or count.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../platform/i18n/locales.ts';
import { readMechanismFiles } from './service.ts';
import { DirectoryIndex, type Filters } from './search.ts';
import { compileSynonyms, readSynonyms, synonymsFileSchema } from './synonyms.ts';
import type { KINDS } from './taxonomy.ts';

const dataDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../data');
const { records } = readMechanismFiles(path.join(dataDir, 'support'));
const synonymsRead = readSynonyms(dataDir);
const index = new DirectoryIndex(records, { synonyms: compileSynonyms(synonymsRead.file) });
const none: Filters = { q: '', kinds: [], serves: [], themes: [], regions: [], languages: [], alwaysOn: false };
const found = (q: string, locale: Locale) =>
  index.search({ ...none, q }, { limit: records.length, offset: 0 }, locale).items.map((m) => m.id);
const withKinds = (kinds: (typeof KINDS)[number][]) =>
  records.filter((r) => r.kinds.some((k) => kinds.includes(k))).map((r) => r.id);

const legal = ['legal-aid', 'legal-guide'] as const;
const digitalAttack = ['incident-response', 'website-protection'] as const;
const detention = ['protection-hotline', 'legal-aid', 'urgent-appeal'] as const;
const banking = ['banking-guide'] as const;

const cases: [string, Locale, readonly (typeof KINDS)[number][]][] = [
  ['ddos', 'en', digitalAttack],
  ['lawyer', 'en', legal],
  ['spyware', 'en', digitalAttack],
  ['arrested', 'en', detention],
  ['bank account frozen', 'en', banking],
  ['my bank account was frozen', 'en', banking],
  ['abogado', 'es', legal],
  ['banco', 'es', banking],
  ['detenido', 'es', detention],
  ['avocat', 'fr', legal],
  ['piratage', 'fr', digitalAttack],
  ['compte bancaire gelé', 'fr', banking],
  ['محامي', 'ar', legal],
  ['اعتقال', 'ar', detention],
  ['بنك', 'ar', banking],
  ['адвокат', 'ru', legal],
  ['арестовали', 'ru', detention],
  ['взлом', 'ru', digitalAttack],
];

describe('search by what people type (shipped directory and synonyms)', () => {
  it('reads a valid synonyms file', () => {
    expect(synonymsRead.problems).toEqual([]);
    expect(Object.keys(synonymsRead.file).sort()).toEqual(['ar', 'en', 'es', 'fr', 'ru']);
  });

  it.each(cases)(
    '"%s" (%s) finds every mechanism of the kinds it means, two (or all) of the first three',
    (q, locale, kinds) => {
      const expected = withKinds([...kinds]);
      expect(expected.length, `the shipped data has ${kinds.join('/')} records`).toBeGreaterThan(0);
      const ids = found(q, locale);
      expect(ids).toEqual(expect.arrayContaining(expected));
      // A record whose own text uses the very word may come first (the SMEX helpdesk puts arrests first in
      // its queue, and says so); the kinds the word means still fill the top.
      expect(ids.slice(0, 3).filter((id) => expected.includes(id)).length).toBeGreaterThanOrEqual(
        Math.min(2, expected.length),
      );
    },
  );

  it('still finds a record by a word of its own text, and nothing for nonsense', () => {
    expect(found('phonebook', 'en')).toEqual(['vuka-protestor-phonebook']);
    expect(found('qqzzxxkk', 'en')).toEqual([]);
  });

  it('ignores small words only while others remain', () => {
    // "help" alone is searched; with another word it is skipped.
    expect(found('help', 'en').length).toBeGreaterThan(0);
    expect(found('help lawyer', 'en')).toEqual(found('lawyer', 'en'));
  });
});

describe('the synonyms file schema', () => {
  it('refuses a key that is not one word and an unknown language', () => {
    const bad = synonymsFileSchema.safeParse({ en: { words: { 'two words': ['legal'] } }, de: { words: {} } });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths.some((p) => p.startsWith('en.words'))).toBe(true);
    expect(bad.error!.issues.some((i) => i.code === 'unrecognized_keys' || i.path[0] === 'de')).toBe(true);
  });
});
