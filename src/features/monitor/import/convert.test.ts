import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../config/config.ts';
import { readVocabulary } from '../vocabulary.ts';
import { convertRow, lookups, parseDate } from './convert.ts';

describe('reading a row’s values', () => {
  it('reads dates as precisely as they are written, slashed ones only with an order', () => {
    expect(parseDate('2024')).toEqual({ date: '2024', precision: 'year' });
    expect(parseDate('2024-02')).toEqual({ date: '2024-02', precision: 'month' });
    expect(parseDate('2024-02-29 13:05:00')).toEqual({ date: '2024-02-29', precision: 'day' });
    expect(parseDate('2023-02-29')).toBe('bad');
    expect(parseDate('2024-13')).toBe('bad');
    expect(parseDate('03/04/2025')).toBe('ambiguous');
    expect(parseDate('03/04/2025', 'dmy')).toEqual({ date: '2025-04-03', precision: 'day' });
    expect(parseDate('03/04/2025', 'mdy')).toEqual({ date: '2025-03-04', precision: 'day' });
    expect(parseDate('31/04/2025', 'dmy')).toBe('bad');
  });

  it('knows countries by code or by name in our languages, and types and perpetrators by id or label', () => {
    const { vocabulary } = readVocabulary(path.join(projectRoot, 'data'));
    const o = {
      header: ['title', 'date', 'country', 'types', 'perpetrators', 'victims'],
      columns: { title: 0, date: 1, country: 2, types: 3, perpetrators: 4, victims: 5 },
      lookups: lookups(vocabulary!),
    };
    const row = (country: string, types = '', perpetrators = '') =>
      convertRow(['T', '2024', country, types, perpetrators, 'A. B | C. D'], 2, o);
    for (const name of ['by', 'Belarus', 'Bielorrusia', 'Беларусь', 'Biélorussie'])
      expect(row(name).input?.place.country, name).toBe('BY');
    expect(row('EU').errors?.[0]).toMatchObject({ column: 'country', key: 'monitor.import.error.unknownCountry' });
    const input = row('GE', 'CENSORSHIP; Excessive force', 'Police').input!;
    expect(input.acts.map((a) => a.type)).toEqual(['censorship', 'excessive-force']);
    expect(input.parties.map((p) => [p.role, p.name, p.category])).toEqual([
      ['perpetrator', 'Police', 'police'],
      ['victim', 'A. B', ''],
      ['victim', 'C. D', ''],
    ]);
    expect(row('GE').input!.acts.map((a) => a.type)).toEqual(['other']);
  });
});
