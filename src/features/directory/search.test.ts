import { describe, expect, it } from 'vitest';
import { mechanismSchema, type Mechanism, type MechanismInput } from './schema.ts';
import { DirectoryIndex, normalizeTerm, type Filters } from './search.ts';

const base: MechanismInput = {
  id: 'x',
  name: 'X',
  operator: 'Op',
  summary: 'A mechanism that exists for testing the search index.',
  kinds: ['training'],
  serves: ['cso'],
  regions: ['global'],
  contact: { website: 'https://example.org/' },
  verifiedAt: '2026-11-24',
  source: [{ title: 'Test fixture' }],
  version: 1,
};
const make = (over: Partial<MechanismInput>): Mechanism => mechanismSchema.parse({ ...base, ...over });

const records = [
  make({
    id: 'helpline',
    name: 'Digital Security Helpline',
    operator: 'Access Now',
    kinds: ['digital-security-helpline'],
    languages: ['en', 'es'],
    alwaysOn: true,
  }),
  make({
    id: 'fund',
    name: 'Emergency Fund',
    summary: 'Money for organisations under attack, including digital attacks.',
    kinds: ['emergency-grant'],
    serves: ['cso', 'hrd'],
  }),
  make({
    id: 'banking',
    name: 'Banking Guide',
    summary: 'How non-profits open a bank account in Europe.',
    kinds: ['banking-guide'],
    regions: ['europe'],
    themes: ['banking'],
  }),
  make({
    id: 'defensores',
    name: 'Red de Defensóres',
    summary: 'Protección para personas defensoras en las Américas.',
    kinds: ['protection-hotline'],
    regions: ['americas'],
    languages: ['es'],
  }),
];
const index = new DirectoryIndex(records);
const none: Filters = { q: '', kinds: [], serves: [], themes: [], regions: [], languages: [], alwaysOn: false };
const ids = (f: Partial<Filters>) => index.search({ ...none, ...f }, { limit: 50, offset: 0 }).items.map((m) => m.id);

describe('text search', () => {
  it('ranks a match in the name above a match in the summary', () => {
    // "digital" is in the helpline's name and only in the fund's summary.
    expect(ids({ q: 'digital' })).toEqual(['helpline', 'fund']);
  });

  it('is case- and accent-insensitive in both directions', () => {
    expect(normalizeTerm('DefensÓres')).toBe('defensores');
    // The name match comes first; the fund follows through the Spanish label of "human rights defenders".
    expect(ids({ q: 'defensores' })).toEqual(['defensores', 'fund']);
    expect(ids({ q: 'PROTECCION' })).toEqual(['defensores']);
  });

  it('matches prefixes, so a half-typed word already finds results', () => {
    expect(ids({ q: 'emerg' })).toContain('fund');
    expect(ids({ q: 'bank' })).toEqual(['banking']);
  });

  it('tolerates a typo in a longer word but not in a short one', () => {
    expect(ids({ q: 'emergncy' })).toContain('fund');
    expect(ids({ q: 'helpine' })).toContain('helpline');
    expect(ids({ q: 'bnk' })).toEqual([]);
  });

  it('requires every word of the query (AND)', () => {
    expect(ids({ q: 'digital helpline' })).toEqual(['helpline']);
    expect(ids({ q: 'banking helpline' })).toEqual([]);
  });

  it('finds a record by the translated label of its kind, for non-English queries', () => {
    expect(ids({ q: 'bancaria' })).toContain('banking'); // Spanish label of banking-guide, "Guía bancaria"
  });

  it("searches every language's summary and how-to-reach, the reader's language counting most", () => {
    const zeta = make({
      id: 'zeta',
      name: 'Zeta',
      summary: { en: 'A fund for community broadcasters.', es: 'Un fondo para la radio de las comunidades.' },
    });
    const alfa = make({
      id: 'alfa',
      name: 'Alfa',
      summary: { en: 'A fund for community broadcasters.', fr: 'Un fonds pour la radio des communautés.' },
    });
    const plain = make({
      id: 'plain',
      name: 'Plain',
      summary: 'A record written in English only.',
      howToReach: { en: 'Send a letter.', ru: 'Отправьте письмо по почте.' },
    });
    const multi = new DirectoryIndex([zeta, alfa, plain]);
    const find = (q: string, locale: 'en' | 'es' | 'fr' | 'ru') =>
      multi.search({ ...none, q }, { limit: 10, offset: 0 }, locale).items.map((m) => m.id);
    expect(plain.summary).toEqual({ en: 'A record written in English only.' }); // a plain string means English
    expect(find('comunidades', 'en')).toEqual(['zeta']);
    expect(find('письмо', 'en')).toEqual(['plain']);
    // "radio" is in zeta's Spanish text and in alfa's French: each reader's own language comes first.
    expect(find('radio', 'fr')).toEqual(['alfa', 'zeta']);
    expect(find('radio', 'es')).toEqual(['zeta', 'alfa']);
  });

  it('lists everything by name when there is no query', () => {
    expect(ids({})).toEqual(['banking', 'helpline', 'fund', 'defensores']);
  });
});

describe('facets', () => {
  it('combines values with OR within a group and AND across groups', () => {
    expect(ids({ kinds: ['emergency-grant', 'banking-guide'] })).toEqual(['banking', 'fund']);
    expect(ids({ kinds: ['emergency-grant', 'banking-guide'], serves: ['hrd'] })).toEqual(['fund']);
  });

  it('treats a global mechanism as serving every region', () => {
    expect(ids({ regions: ['europe'] })).toEqual(['banking', 'helpline', 'fund']);
    expect(ids({ regions: ['americas'] })).toEqual(['helpline', 'fund', 'defensores']);
  });

  it('filters by language and by 24/7 availability', () => {
    expect(ids({ languages: ['es'] })).toEqual(['helpline', 'defensores']);
    expect(ids({ alwaysOn: true })).toEqual(['helpline']);
  });

  it('counts each group ignoring its own selection (what one more choice would give)', () => {
    const r = index.search({ ...none, kinds: ['banking-guide'], regions: ['europe'] }, { limit: 50, offset: 0 });
    expect(r.total).toBe(1);
    // Within kinds, the other options still show how many results they would add under region=europe.
    expect(r.facets.kinds.get('emergency-grant')).toBe(1);
    expect(r.facets.kinds.get('protection-hotline')).toBeUndefined();
    // Within regions, counts are for kind=banking-guide only.
    expect(r.facets.regions.get('europe')).toBe(1);
    expect(r.facets.regions.get('americas')).toBeUndefined();
    expect(r.facets.alwaysOn.get('true')).toBeUndefined();
  });

  it('on an empty result, says which filter to drop and how many results that gives', () => {
    const r = index.search({ ...none, kinds: ['banking-guide'], alwaysOn: true }, { limit: 50, offset: 0 });
    expect(r.total).toBe(0);
    expect(r.hints).toEqual([
      { group: 'kinds', count: 1 },
      { group: 'alwaysOn', count: 1 },
    ]);
    const q = index.search({ ...none, q: 'zzzzzz', languages: ['es'] }, { limit: 50, offset: 0 });
    expect(q.hints).toEqual([{ group: 'q', count: 2 }]);
  });

  it('pages through results', () => {
    const page = index.search(none, { limit: 2, offset: 2 });
    expect(page.total).toBe(4);
    expect(page.items.map((m) => m.id)).toEqual(['fund', 'defensores']);
  });
});
