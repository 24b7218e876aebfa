import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../config/config.ts';
import { readMechanismFiles } from './service.ts';
import { mechanismSchema, unsourcedFacts } from './schema.ts';

const REQUIRED_IDS = [
  'access-now-helpline',
  'civicert',
  'protection-ecosystem-map',
  'vuka-protestor-phonebook',
  'lifeline-fund',
  'protectdefenders-eu',
  'civicus-crisis-response-fund',
  'ddp-incident-response-fund',
  'dignity-for-all',
  'global-nonprofits-guide',
  'inspires',
  'tai-civic-space-compendium',
  'nonprofit-banking-guide',
  'civicus-monitor',
  'icnl-civic-freedom-monitor',
  'cso-meter',
  'lifeline-toolkit',
  'front-line-defenders-guides',
  'amnesty-security-lab',
  'open-briefing-training',
  'engine-room',
  'digital-security-lab-ukraine',
  'civicspace-tech',
  'cyber-threats-guidance-civil-society',
  'ogp-response-policy',
  'ogp-rapid-response-protocol',
];

describe('shipped directory data', () => {
  const { records, problems } = readMechanismFiles(path.join(projectRoot, 'data/support'));

  it('validates every file against the schema', () => {
    expect(problems).toEqual([]);
  });

  it('has a record for every resource the guide names', () => {
    expect(records.map((r) => r.id).sort()).toEqual(expect.arrayContaining(REQUIRED_IDS));
  });

  it('keeps the facts the guide states', () => {
    const helpline = records.find((r) => r.id === 'access-now-helpline')!;
    expect(helpline.alwaysOn).toBe(true);
    expect(helpline.responseHours).toBe(2);
    // The guide says nine; the helpline's own page named ten by September 2026 (Ukrainian added).
    expect(helpline.languages.sort()).toEqual(['ar', 'de', 'en', 'es', 'fr', 'it', 'pt', 'ru', 'tl', 'uk']);
    expect(records.find((r) => r.id === 'protectdefenders-eu')!.alwaysOn).toBe(true);
    // A 24/7 mark is a fact like any other: only a source that states it may carry it.
    const allDay = records.filter((r) => r.alwaysOn);
    expect(allDay.length).toBeGreaterThan(2);
    for (const r of allDay)
      expect(
        r.source.some((src) => src.facts?.includes('alwaysOn')),
        r.id,
      ).toBe(true);
  });

  it('traces every stated fact to a source', () => {
    // Issue 12: each source names the facts it states; a fact no source names is a fact nobody checked.
    expect(records.flatMap((r) => unsourcedFacts(r).map((f) => `${r.id}: ${f}`))).toEqual([]);
  });

  it('keeps phone numbers in Arabic text left to right, isolated, so their digit groups do not swap', () => {
    // In a right-to-left paragraph "+961 81 633 133" shows as "133 633 81 961+" unless it is isolated
    // (U+2066 ... U+2069); a left-to-right mark before it is not enough.
    const bare = records.flatMap((r) =>
      [r.summary.ar, r.howToReach?.ar]
        .filter((text): text is string => text !== undefined)
        .flatMap((text) => [...text.matchAll(/(.)?(\+\d[\d ]*\d)(.)?/gu)])
        .filter((m) => m[1] !== '\u2066' || m[3] !== '\u2069')
        .map((m) => `${r.id}: ${m[2]}`),
    );
    expect(bare).toEqual([]);
  });

  it('names its sources for every record, at least one a page, every address https', () => {
    // The directory grows past the guide's 26 (issue 12): not every record comes from the guide, but every
    // record says where its facts come from, as pages one can open.
    for (const r of records) {
      expect(r.source.filter((s) => s.url).length, r.id).toBeGreaterThan(0);
      for (const s of r.source) if (s.url) expect(new URL(s.url).protocol, `${r.id}: ${s.url}`).toBe('https:');
    }
  });
});

describe('mechanismSchema', () => {
  const valid = {
    id: 'a-b',
    name: 'Name',
    summary: 'A summary that is long enough.',
    kinds: ['training'],
    serves: ['cso'],
    regions: ['global'],
    contact: { website: 'https://example.org' },
    verifiedAt: '2026-01-02',
    source: [{ title: 'Source' }],
    version: 1,
  };

  it('names the stated facts no source vouches for', () => {
    const base = {
      ...valid,
      source: [{ title: 'Operator page', url: 'https://x.example', facts: ['summary', 'kinds', 'contact'] }],
    };
    expect(unsourcedFacts(mechanismSchema.parse(base))).toEqual([]);
    const more = mechanismSchema.parse({ ...base, languages: ['fr'], alwaysOn: true, status: 'paused' });
    expect(unsourcedFacts(more)).toEqual(['languages', 'alwaysOn', 'status']);
    const vouched = {
      ...more,
      source: [...more.source, { title: 'FAQ', facts: ['languages', 'alwaysOn', 'status'] as const }],
    };
    expect(unsourcedFacts(mechanismSchema.parse(vouched))).toEqual([]);
  });

  it('accepts a minimal record and fills defaults', () => {
    const r = mechanismSchema.parse(valid);
    expect(r).toMatchObject({ themes: [], languages: [], countries: [], alwaysOn: false });
  });

  it.each([
    ['id', { id: 'Not A Slug' }],
    ['kinds.0', { kinds: ['free-money'] }],
    ['kinds', { kinds: [] }],
    ['contact.website', { contact: { website: 'http://insecure.example.org' } }],
    ['contact.website', { contact: { website: 'javascript:alert(1)' } }],
    ['verifiedAt', { verifiedAt: '24/11/2026' }],
    ['languages.0', { languages: ['english'] }],
    ['countries.0', { countries: ['es'] }],
    ['version', { version: 0 }],
    ['extra', { extra: true }],
  ])('rejects a bad %s', (field, patch) => {
    const result = mechanismSchema.safeParse({ ...valid, ...patch });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => (i.code === 'unrecognized_keys' ? i.keys[0] : i.path.join('.')));
    expect(paths).toContain(field);
  });
});
