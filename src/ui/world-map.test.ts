// The world map: each country's fill class, title and link follow its count; text is escaped; no
// style attributes (the CSP forbids them); the shapes land where the countries are; and the SVG stays
// within its share of the 30 KB page budget.
import fs from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CompactPath, mapGeometry } from './world-map-geometry.ts';
import { MAP_STEPS, mappedCountries, worldMapLegend, worldMapSvg, type WorldMapOptions } from './world-map.ts';

/** Sixty countries and their counts, across every step; CN has a count but no page to link to. */
const DATA = `BY:12 FR:0 RU:31 UA:25 AZ:9 TR:18 EG:7 IN:22 CN:40 VN:6 IR:15 NI:11 VE:8 CU:5 HU:4 GE:3 RS:2
  KZ:2 UZ:1 TJ:1 KG:3 AM:2 MD:1 PL:3 IL:6 PS:9 SA:4 AE:2 BH:1 ET:7 UG:5 ZW:4 TZ:3 KE:2 NG:6 SD:5 RW:1
  BD:4 PK:7 LK:2 MM:13 KH:5 TH:4 PH:6 ID:3 MY:2 SG:1 HK:3 MX:4 GT:3 HN:2 SV:5 CO:3 BR:2 PE:1 BO:1 EC:1
  XK:1 DE:0 US:0`
  .trim()
  .split(/\s+/)
  .map((pair) => pair.split(':') as [string, string]);
const counts = new Map(DATA.map(([code, n]) => [code, Number(n)]));
const NO_PAGE = 'CN';

const options: WorldMapOptions = {
  title: 'Organisations by country',
  description: 'The table below gives the same figures.',
  describe: (iso2, n) => `${iso2}: ${n}`,
  href: (iso2) => (iso2 === NO_PAGE ? undefined : `/countries/${iso2.toLowerCase()}`),
};

/** The step a count should fall in, written out here independently of MAP_STEPS. */
const expectedClass = (n: number) =>
  n === 0 ? 'map-0' : n === 1 ? 'map-1' : n < 5 ? 'map-2' : n < 20 ? 'map-3' : 'map-4';

interface Drawn {
  href: string | undefined;
  classes: string[];
  title: string | undefined;
  d: string;
}

/** Every country path of a rendered map, in drawing order. */
function drawn(svg: string): Drawn[] {
  const pattern =
    /(?:<a href="([^"]*)" tabindex="-1">)?<path(?: class="([^"]*)")? d="([^"]*)"(?:\/>|><title>([^<]*)<\/title><\/path>)/g;
  return [...svg.matchAll(pattern)].map((m) => ({
    href: m[1],
    classes: m[2]?.split(' ') ?? [],
    d: m[3]!,
    title: m[4],
  }));
}

const byTitle = (paths: Drawn[], title: string) => paths.filter((p) => p.title === title);

/** The absolute points of compact path data ("m1,2l3-1 4,0z..."), to check where shapes land. */
function points(d: string): [number, number][] {
  const out: [number, number][] = [];
  let at: [number, number] = [0, 0];
  for (const ring of d.split('z').filter(Boolean)) {
    const numbers = ring.replace(/^m/, '').replace('l', ' ').match(/-?\d+/g)!.map(Number);
    const start: [number, number] = [at[0] + numbers[0]!, at[1] + numbers[1]!];
    at = start;
    out.push(at);
    for (let i = 2; i < numbers.length; i += 2) {
      at = [at[0] + numbers[i]!, at[1] + numbers[i + 1]!];
      out.push(at);
    }
    at = start;
  }
  return out;
}

const centre = (iso2: string): [number, number] => {
  const shape = mapGeometry().shapes.find((s) => s.iso2 === iso2)!;
  const all = points(shape.d);
  return [all.reduce((s, p) => s + p[0], 0) / all.length, all.reduce((s, p) => s + p[1], 0) / all.length];
};

describe('world map', () => {
  const svg = worldMapSvg(counts, { ...options, highlight: 'by' });
  const paths = drawn(svg);
  const onMap = mappedCountries();

  it('draws every shape of the atlas once, countries without a count in grey with no title', () => {
    expect(paths).toHaveLength(mapGeometry().shapes.length);
    const grey = paths.filter((p) => p.title === undefined);
    const withData = DATA.filter(([code]) => onMap.has(code));
    expect(grey).toHaveLength(mapGeometry().shapes.length - withData.length);
    expect(grey.every((p) => p.classes.length === 0 && p.href === undefined)).toBe(true);
  });

  it('gives each country with a count its step, its title and, above zero, its link', () => {
    for (const [code, n] of counts) {
      const found = byTitle(paths, `${code}: ${n}`);
      if (!onMap.has(code)) {
        expect(found, code).toEqual([]);
        continue;
      }
      expect(found, code).toHaveLength(1);
      expect(found[0]!.classes[0], code).toBe(expectedClass(n));
      const link = n > 0 && code !== NO_PAGE ? `/countries/${code.toLowerCase()}` : undefined;
      expect(found[0]!.href, code).toBe(link);
    }
  });

  it('links Belarus with its twelve and draws it last, outlined; France with none has no link', () => {
    const belarus = byTitle(paths, `BY: ${counts.get('BY')}`)[0]!;
    expect(belarus).toMatchObject({ href: '/countries/by', classes: [expectedClass(counts.get('BY')!), 'map-here'] });
    expect(paths.at(-1)).toBe(belarus);
    const france = byTitle(paths, `FR: ${counts.get('FR')}`)[0]!;
    expect(france).toMatchObject({ href: undefined, classes: ['map-0'] });
    expect(byTitle(paths, `${NO_PAGE}: ${counts.get(NO_PAGE)}`)[0]!.href).toBeUndefined();
  });

  it('names itself for assistive technology, with unique ids from the prefix', () => {
    const named = worldMapSvg(counts, { ...options, id: 'orgs' });
    expect(named).toMatch(/^<svg [^>]*role="img" aria-labelledby="orgs-t" aria-describedby="orgs-d">/);
    expect(named).toContain('<title id="orgs-t">Organisations by country</title>');
    expect(named).toContain('<desc id="orgs-d">The table below gives the same figures.</desc>');
    expect(worldMapSvg(counts, { title: 't', describe: () => '' })).not.toContain('<desc');
  });

  it('escapes every text and link it is given', () => {
    const hostile = worldMapSvg(new Map([['BY', 3]]), {
      title: 'Groups <b>& "friends"',
      description: "Rights' </desc>",
      describe: (iso2, n) => `${iso2} <script>alert(1)</script> & ${n}`,
      href: () => '/search?country=BY&q="x"',
    });
    expect(hostile).toContain('<title id="world-map-t">Groups &lt;b&gt;&amp; &quot;friends&quot;</title>');
    expect(hostile).toContain('<desc id="world-map-d">Rights&#39; &lt;/desc&gt;</desc>');
    expect(hostile).toContain('<title>BY &lt;script&gt;alert(1)&lt;/script&gt; &amp; 3</title>');
    expect(hostile).toContain('<a href="/search?country=BY&amp;q=&quot;x&quot;"');
    expect(hostile).not.toMatch(/<script|<b>/);
  });

  it('has no style attributes and every element closed', () => {
    expect(svg).not.toMatch(/\sstyle=/);
    const open: string[] = [];
    for (const [, close, name, selfClosing] of svg.matchAll(/<(\/?)([a-z]+)[^>]*?(\/?)>/g)) {
      if (selfClosing) continue;
      if (close) expect(open.pop()).toBe(name);
      else open.push(name!);
    }
    expect(open).toEqual([]);
  });

  it('has a rule in the stylesheet for every class it uses', () => {
    const css = fs.readFileSync(new URL('./styles/app.css', import.meta.url), 'utf8');
    const classes = [...MAP_STEPS.map((s) => s.className), 'world-map', 'map-here', 'map-key'];
    for (const name of classes) expect(css, name).toMatch(new RegExp(`\\.${name}\\b[^{]*\\{`));
  });

  it('puts the shapes inside the viewBox, where the countries are', () => {
    const { width, height, shapes } = mapGeometry();
    expect(svg).toContain(`viewBox="0 0 ${width} ${height}"`);
    for (const shape of shapes) {
      expect(shape.d, shape.name).toMatch(/^m[-\d,l ]+z(m[-\d,l ]+z)*$/);
      for (const [x, y] of points(shape.d)) {
        expect(x, shape.name).toBeGreaterThanOrEqual(0);
        expect(x, shape.name).toBeLessThanOrEqual(width);
        expect(y, shape.name).toBeGreaterThanOrEqual(0);
        expect(y, shape.name).toBeLessThanOrEqual(height);
      }
    }
    const [us, fr, by, eg, jp, au, br] = ['US', 'FR', 'BY', 'EG', 'JP', 'AU', 'BR'].map(centre);
    expect(us![0]).toBeLessThan(fr![0]);
    expect(fr![0]).toBeLessThan(by![0]);
    expect(by![0]).toBeLessThan(jp![0]);
    expect(by![1]).toBeLessThan(eg![1]);
    expect(jp![1]).toBeLessThan(au![1]);
    expect(fr![1]).toBeLessThan(br![1]);
  });

  it('computes the shapes once per process', () => {
    expect(mapGeometry()).toBe(mapGeometry());
    expect(mappedCountries().has('SG')).toBe(false);
    expect(mappedCountries().has('XK')).toBe(true);
  });

  it('keeps the map small: under 18 KB gzipped with sixty countries', () => {
    const size = (text: string) => gzipSync(text, { level: 9 }).length;
    const empty = size(worldMapSvg(new Map(), options));
    const full = size(svg);
    console.log(`world map gzip: ${empty} B with no data, ${full} B with ${counts.size} countries`);
    expect(full).toBeGreaterThan(empty);
    expect(full).toBeLessThan(18_000);
  });
});

describe('compact path data', () => {
  it('rounds, drops repeats and rings smaller than a triangle, and counts from the ring start after z', () => {
    const path = new CompactPath();
    path.moveTo(100.4, 50.6);
    for (const [x, y] of [
      [103.2, 50.9],
      [103.4, 51.1],
      [101, 48],
      [100.2, 51.4],
    ])
      path.lineTo(x!, y!);
    path.closePath();
    path.moveTo(90, 40); // rounds to a line: dropped
    path.lineTo(90.2, 40.4);
    path.lineTo(91, 40);
    path.closePath();
    path.moveTo(98, 60);
    path.lineTo(88, 61);
    path.lineTo(97, 70);
    path.closePath();
    expect(path.result()).toBe('m100,51l3,0-2-3z' + 'm-2,9l-10,1 9,9z');
    expect(points('m100,51l3,0-2-3zm-2,9l-10,1 9,9z')).toEqual([
      [100, 51],
      [103, 51],
      [101, 48],
      [98, 60],
      [88, 61],
      [97, 70],
    ]);
    expect(path.result()).toBe('');
  });
});

describe('world map legend', () => {
  it('lists "no data" and each step with its swatch, escaped', () => {
    const legend = worldMapLegend({
      noData: 'No data <yet>',
      step: (s) => (s.max === undefined ? `${s.min}+` : `${s.min}–${s.max}`),
    });
    const items = [...legend.matchAll(/<li><span class="map-key ([\w-]+)" aria-hidden="true"><\/span> ([^<]*)<\/li>/g)];
    expect(items.map((m) => m[1])).toEqual(['map-none', ...MAP_STEPS.map((s) => s.className)]);
    expect(items.map((m) => m[2])).toEqual(['No data &lt;yet&gt;', '0–0', '1–1', '2–4', '5–19', '20+']);
  });
});
