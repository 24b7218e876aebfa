import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv, readCsv } from './csv.ts';
import { parseMapping, resolveMapping } from './mapping.ts';

const rowsOf = async (chunks: string[]) => {
  const rows = [];
  for await (const r of readCsv(chunks)) rows.push(r);
  return rows;
};

describe('the CSV reader', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF rows and a BOM', async () => {
    const text = '\uFEFFtitle,description\r\n"Raid, at dawn","She said ""no""\r\nand left"\r\nplain,\r\n\r\nlast,row';
    expect(await parseCsv(text)).toEqual([
      ['title', 'description'],
      ['Raid, at dawn', 'She said "no"\r\nand left'],
      ['plain', ''],
      ['last', 'row'],
    ]);
  });

  it('gives the same rows whatever the chunk boundaries, with each row starting line', async () => {
    const text = 'a,b\n"x\n""y""",z\r\n"",q\n';
    const whole = await rowsOf([text]);
    expect(whole.map((r) => [r.fields, r.line])).toEqual([
      [['a', 'b'], 1],
      [['x\n"y"', 'z'], 2],
      [['', 'q'], 4],
    ]);
    for (let size = 1; size <= 4; size++) {
      const chunks = text.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g'))!;
      expect((await rowsOf(chunks)).map((r) => [r.fields, r.line])).toEqual(whole.map((r) => [r.fields, r.line]));
    }
  });

  it('counts bytes read, and refuses a quote that never closes', async () => {
    const rows = await rowsOf(['é,1\n', 'b,2\n']);
    expect(rows.map((r) => r.bytes)).toEqual([5, 9]);
    await expect(parseCsv('a,b\n"open,1\n2,3\n')).rejects.toThrow(CsvSyntaxError);
    await expect(parseCsv('a,b\n"open,1\n2,3\n')).rejects.toMatchObject({ line: 2 });
  });
});

describe('column mapping', () => {
  it('finds an Uwazi export’s columns by property name, without case, spaces or underscores mattering', () => {
    const header = ['Title', 'Date added', 'Template', 'date_of_event', 'Country', 'Violation_type', 'Geolocation'];
    const { columns, missing } = resolveMapping(header, 'uwazi');
    expect(missing).toEqual([]);
    expect(columns).toMatchObject({ title: 0, date: 3, country: 4, types: 5, location: 6 });
    expect(columns.lat).toBeUndefined();
  });

  it('finds Ushahidi’s post columns and location parts, and lets --map win', () => {
    const header = [
      'Post ID',
      'Survey',
      'Post Status',
      'Post Date',
      'Title',
      'Description',
      'Location.lat',
      'Location.lon',
      'Categories',
      'Where',
    ];
    const own = parseMapping(['region=where', 'country=Nation']);
    const { columns, missing } = resolveMapping(header, 'ushahidi', own);
    expect(columns).toMatchObject({ title: 4, date: 3, description: 5, lat: 6, lon: 7, types: 8, region: 9 });
    expect(missing).toEqual([{ field: 'country', column: 'Nation' }]);
    expect(() => parseMapping(['colour=Title'])).toThrow(/field one of/);
  });
});
