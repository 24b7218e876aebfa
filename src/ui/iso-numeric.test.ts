// The numeric -> alpha-2 table against known pairs and against every shape of the atlas the map draws.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { UNNUMBERED, alpha2FromNumeric } from './iso-numeric.ts';

const atlasFile = createRequire(import.meta.url).resolve('world-atlas/countries-110m.json');
const atlas = JSON.parse(fs.readFileSync(atlasFile, 'utf8')) as {
  objects: { countries: { geometries: { id?: string; properties: { name: string } }[] } };
};
const shapes = atlas.objects.countries.geometries;

describe('ISO numeric to alpha-2', () => {
  it.each([
    ['112', 'BY'],
    ['250', 'FR'],
    ['826', 'GB'],
    ['643', 'RU'],
    ['004', 'AF'],
    ['384', 'CI'],
    ['275', 'PS'],
    ['807', 'MK'],
    ['728', 'SS'],
    ['840', 'US'],
  ])('%s is %s', (numeric, alpha2) => {
    expect(alpha2FromNumeric(numeric)).toBe(alpha2);
  });

  it('knows no code outside the table', () => {
    expect(alpha2FromNumeric('999')).toBeUndefined();
    expect(alpha2FromNumeric('112 ')).toBeUndefined();
  });

  it('maps every numbered shape of the atlas, each to a different country', () => {
    const numbered = shapes.filter((s) => s.id !== undefined);
    const unmapped = numbered.filter((s) => alpha2FromNumeric(s.id!) === undefined).map((s) => s.properties.name);
    expect(unmapped).toEqual([]);
    const codes = numbered.map((s) => alpha2FromNumeric(s.id!));
    expect(new Set(codes).size).toBe(numbered.length);
    expect(codes.every((c) => /^[A-Z]{2}$/.test(c!))).toBe(true);
  });

  it('names every shape without a number, and gives none a code already taken', () => {
    const unnumbered = shapes.filter((s) => s.id === undefined).map((s) => s.properties.name);
    expect(unnumbered.sort()).toEqual(Object.keys(UNNUMBERED).sort());
    const taken = new Set(shapes.flatMap((s) => (s.id ? [alpha2FromNumeric(s.id)] : [])));
    for (const code of Object.values(UNNUMBERED)) if (code) expect(taken.has(code)).toBe(false);
  });
});
