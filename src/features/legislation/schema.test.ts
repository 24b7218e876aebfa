import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../config/config.ts';
import { legislationSchema } from './schema.ts';
import { readLegislationFiles } from './service.ts';

const REQUIRED = [
  'sv-foreign-agents-bill-2021',
  'ru-foreign-agents-law-2012',
  'ni-foreign-agents-law-2020',
  'ge-foreign-influence-law-2024',
];

describe('shipped legislation data', () => {
  const { entries, problems } = readLegislationFiles(path.join(projectRoot, 'data/legislation'));

  it('validates every file: sources, ordered dates, a history that ends at the current stage', () => {
    expect(problems).toEqual([]);
    expect(entries.length).toBeGreaterThanOrEqual(14);
    for (const id of REQUIRED) expect(entries.map((e) => e.id)).toContain(id);
  });

  it('writes each entry a summary in English and cites every step of its history', () => {
    for (const e of entries) {
      expect(e.summary.en.length).toBeGreaterThan(40);
      const urls = e.sources.map((s) => s.url);
      for (const step of e.history) expect(urls).toContain(step.source);
    }
  });
});

describe('legislation schema', () => {
  const valid = {
    id: 'xx-test-law',
    country: 'XX',
    title: { original: 'Ley de prueba', lang: 'es', en: 'Test law' },
    kind: 'foreign-agent',
    effect: 'restricts',
    stage: 'repealed',
    history: [
      { date: '2020-01-01', stage: 'proposed', source: 'https://example.org/a' },
      { date: '2020-02-01', stage: 'enacted', source: 'https://example.org/a' },
      { date: '2021-03-01', stage: 'repealed', source: 'https://example.org/b' },
    ],
    sources: [
      { title: 'Source A', url: 'https://example.org/a' },
      { title: 'Source B', url: 'https://example.org/b' },
    ],
    summary: 'A law that this test describes in words long enough to pass the minimum.',
  };
  const messages = (value: unknown) => {
    const r = legislationSchema.safeParse(value);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('accepts a consistent entry and reads a plain summary as English', () => {
    const r = legislationSchema.parse(valid);
    expect(r.summary).toEqual({ en: valid.summary });
  });

  it('refuses dates out of order', () => {
    const history = [valid.history[0]!, { ...valid.history[1]!, date: '2019-12-31' }, valid.history[2]!];
    expect(messages({ ...valid, history })).toContain('history.1.date: must not come before the step above it');
  });

  it('refuses a current stage other than the last step', () => {
    expect(messages({ ...valid, stage: 'enacted' })).toContain(
      'stage: must be the last stage of the history (repealed)',
    );
  });

  it('refuses impossible transitions and beginnings', () => {
    const history = [valid.history[0]!, { ...valid.history[2]!, stage: 'struck-down' }];
    expect(messages({ ...valid, stage: 'struck-down', history })).toContain('history.1.stage: cannot follow proposed');
    expect(messages({ ...valid, stage: 'repealed', history: [valid.history[2]!] })).toContain(
      'history.0.stage: a history cannot begin repealed',
    );
  });

  it('refuses a step whose source is not among the sources, and an entry without sources', () => {
    const history = [{ ...valid.history[0]!, source: 'https://example.org/elsewhere' }];
    expect(messages({ ...valid, stage: 'proposed', history })).toContain(
      'history.0.source: must be one of the sources',
    );
    expect(messages({ ...valid, sources: [] }).some((m) => m.startsWith('sources:'))).toBe(true);
  });
});
