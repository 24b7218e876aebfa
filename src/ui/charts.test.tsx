// The line chart and its table: a line per series that breaks where data is missing, a target line at
// its value, labels escaped, the same bytes for the same input, thinned x labels that do not collide,
// text that follows the page's direction while the plot stays left to right, and a chart of 56 years
// by seven series that stays small.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ChartTable, LineChart, labelStep, type ChartSeries, type LineChartProps } from './charts.tsx';

const years = Array.from({ length: 56 }, (_, i) => String(1968 + i));

/** Six indices and a dashed median, 0-1, with gaps; deterministic wobble instead of random numbers. */
function vdem(): ChartSeries[] {
  const series: ChartSeries[] = Array.from({ length: 6 }, (_, k) => ({
    label: `Index ${k + 1}`,
    values: years.map((_, i) =>
      (k === 2 && i >= 10 && i < 14) || (k === 4 && i < 5) ? null : 0.5 + 0.45 * Math.sin(i / (4 + k) + k) * 0.987654,
    ),
  }));
  series.push({ label: 'Region median', values: years.map((_, i) => 0.4 + 0.2 * Math.cos(i / 7)), dashed: true });
  return series;
}

const percent = (v: number) => `${v} %`;
const sla = (overrides: Partial<LineChartProps> = {}): LineChartProps => ({
  id: 'sla',
  title: 'Cases answered within target',
  description: 'Share of cases answered within 24 hours, by week.',
  xLabels: ['W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'W7'],
  series: [{ label: 'Answered in time', values: [80, 92.25, null, 95, 88, null, 70] }],
  y: { min: 0, max: 100, ticks: [0, 25, 50, 75, 90, 100], format: percent },
  target: { value: 90, label: 'Target: 90 %' },
  ...overrides,
});

const html = (props: LineChartProps) => String(LineChart(props));
const svgOf = (out: string) => out.slice(out.indexOf('<svg'), out.indexOf('</svg>') + 6);
const lines = (out: string) => [...out.matchAll(/<path class="chart-line[^"]*" d="([^"]*)"/g)].map((m) => m[1]!);
/** A line's points as absolute [x, y], subpath by subpath ("M x y l dx dy dx dy..." or "M x yh0"). */
const subpaths = (d: string) =>
  d
    .split('M')
    .filter(Boolean)
    .map((sub) => {
      const n = sub
        .replace(/h0$/, '')
        .match(/-?(?:\d+\.?\d*|\.\d+)/g)!
        .map(Number);
      const points: [number, number][] = [[n[0]!, n[1]!]];
      for (let i = 2; i < n.length; i += 2) {
        const [x, y] = points.at(-1)!;
        points.push([Math.round((x + n[i]!) * 10) / 10, Math.round((y + n[i + 1]!) * 10) / 10]);
      }
      return points;
    });
/** The y of the gridline drawn for each tick, in tick order. */
const gridYs = (out: string) =>
  [...out.match(/class="chart-grid" d="([^"]*)"/)![1]!.matchAll(/M[\d.]+ ([\d.]+)H/g)].map((m) => Number(m[1]));

describe('line chart', () => {
  it('draws one line per series, each named in the legend', () => {
    const out = html({ ...sla({ target: undefined }), id: 'v', xLabels: years, series: vdem() });
    expect(lines(svgOf(out))).toHaveLength(7);
    expect(out.match(/<li>/g)).toHaveLength(7);
    expect(out).toContain('<path class="chart-line chart-dashed"');
    // Seven series, seven styles: each its own colour class and marker shape.
    const markers = [...out.matchAll(/<marker id="v-m(\d)" class="chart-s(\d)"[^>]*><path d="([^"]*)"/g)];
    expect(markers).toHaveLength(7);
    expect(new Set(markers.map((m) => m[3])).size).toBe(7);
  });

  it('breaks a line where a value is missing, and still shows a value standing alone', () => {
    const out = html(sla());
    const [d] = lines(out);
    const parts = subpaths(d!);
    expect(parts.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(d).toMatch(/h0$/);
    // The three runs sit at their own x positions: 1-2, 4-5, 7.
    const xs = parts.flat().map((p) => p[0]);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    const step = xs[1]! - xs[0]!;
    expect(xs[2]! - xs[1]!).toBeCloseTo(2 * step, 0);
    expect(xs[4]! - xs[3]!).toBeCloseTo(2 * step, 0);
  });

  it('places values on the scale of the gridlines and keeps values beyond it inside the plot', () => {
    const out = html(sla({ series: [{ label: 'x', values: [0, 50, 100, 150, -20, 75, 25] }] }));
    const grid = gridYs(out); // ticks 0, 25, 50, 75, 90, 100
    const ys = subpaths(lines(out)[0]!)[0]!.map((p) => p[1]);
    expect(ys).toEqual([grid[0], grid[2], grid[5], grid[5], grid[0], grid[3], grid[1]]);
  });

  it('draws the target as a line at its value, labelled, and leaves it out when absent or off the scale', () => {
    const out = html(sla());
    const target = out.match(/<g class="chart-target"><path d="M[\d.]+ ([\d.]+)H[\d.]+"><\/path><text[^>]*>([^<]*)</);
    expect(target).not.toBeNull();
    expect(Number(target![1])).toBe(gridYs(out)[4]);
    expect(target![2]).toBe('Target: 90 %');
    expect(out).toMatch(/<li><svg class="chart-target"[^]*?<\/svg> Target: 90 %<\/li>/);
    expect(html(sla({ target: undefined }))).not.toContain('chart-target');
    expect(html(sla({ target: { value: 120, label: 'x' } }))).not.toContain('<g class="chart-target"');
  });

  it('escapes every text it is given', () => {
    const evil = '<script>alert("x")</script> & \'q\'';
    const props = sla({
      title: evil,
      description: evil,
      xLabels: [evil, 'W2', 'W3', 'W4', 'W5', 'W6', 'W7'],
      series: [{ label: evil, values: [1, 2, 3, 4, 5, 6, 7] }],
      target: { value: 90, label: evil },
      y: { ...sla().y, format: () => evil },
    });
    const out = html(props) + String(ChartTable({ caption: evil, xTitle: evil, format: () => evil, ...props }));
    expect(out).not.toMatch(/<script|"x"|'q'/);
    expect(out).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;');
  });

  it('keeps its title in the image when rendered inside a page (hono/jsx moves a stray <title> to the head)', async () => {
    const doc = String(
      await (
        <html>
          <head>
            <title>Page</title>
          </head>
          <body>
            <LineChart {...sla()} />
          </body>
        </html>
      ),
    );
    expect(doc).toMatch(/^<html><head><title>Page<\/title><\/head>/);
    expect(svgOf(doc)).toContain('<title id="sla-t">Cases answered within target</title>');
    expect(svgOf(doc)).toBe(svgOf(html(sla())));
  });

  it('gives the same bytes for the same input', () => {
    const a = html({ ...sla(), xLabels: years, series: vdem() });
    const b = html({ ...sla(), xLabels: [...years], series: vdem() });
    expect(a).toBe(b);
    expect(html({ ...sla(), id: 'other' })).not.toBe(html(sla()));
  });

  it('rounds coordinates to one decimal', () => {
    const out = svgOf(html({ ...sla(), xLabels: years, series: vdem() }));
    const numbers = out.match(/\d*\.\d+/g) ?? [];
    expect(numbers.length).toBeGreaterThan(100);
    expect(numbers.filter((n) => !/^\d*\.\d$/.test(n))).toEqual([]);
  });

  it('thins the x labels so they do not collide, keeping the last', () => {
    const out = svgOf(html({ ...sla(), xLabels: years, series: vdem() }));
    const shown = [...out.matchAll(/<text x="([\d.]+)" y="[\d.]+">(\d{4})<\/text>/g)];
    expect(shown.map((m) => m[2])).toEqual([
      '1968',
      '1973',
      '1978',
      '1983',
      '1988',
      '1993',
      '1998',
      '2003',
      '2008',
      '2013',
      '2018',
      '2023',
    ]);
    const xs = shown.map((m) => Number(m[1]));
    // Four digits at 11 px are under 30 px wide.
    for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeGreaterThan(30);
    // Every label shown when there is room.
    expect(svgOf(html(sla())).match(/>W\d</g)).toHaveLength(7);
    expect(labelStep(['a'], 100)).toBe(1);
    expect(labelStep(['2023'], 10)).toBe(5);
  });

  it('keeps the plot left to right in a right-to-left page, and aligns its text for that direction', () => {
    const ltr = svgOf(html(sla()));
    const rtl = svgOf(html(sla({ dir: 'rtl', target: { value: 90, label: 'الهدف: 90 ٪' } })));
    expect(ltr).toMatch(/^<svg[^>]* direction="ltr"/);
    expect(rtl).toMatch(/^<svg[^>]* direction="ltr"/);
    expect(ltr).toContain('<g text-anchor="end">');
    expect(ltr).not.toContain('direction="rtl"');
    expect(rtl).toContain('<g direction="rtl"><g text-anchor="start">');
    expect(rtl).toMatch(/<text x="[\d.]+" y="[\d.]+" text-anchor="start" direction="rtl">الهدف: 90 ٪<\/text>/);
    // The lines themselves are the same.
    expect(lines(rtl)).toEqual(lines(ltr));
  });

  it('stays small: 56 years by seven jagged series under 12 KB, legend included', () => {
    // Values that jump about from year to year (the worst case for path data), real index names.
    const names = ['Freedom of association', 'Freedom of expression', 'CSO repression', 'CSO entry and exit'];
    let seed = 42; // a fixed-seed Lehmer generator: the same "random" values on every run
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const jagged = vdem().map((s, k) => ({
      ...s,
      label: [...names, 'Media censorship', 'Academic freedom', 'Region median (Eastern Europe)'][k]!,
      values: s.values.map((v) => (v === null ? null : next())),
    }));
    const out = html({ ...sla(), id: 'vdem', xLabels: years, series: jagged, y: vdemScale, target: undefined });
    const sizes = { all: Buffer.byteLength(out), svg: Buffer.byteLength(svgOf(out)), gzip: gzipSync(out).length };
    console.log(`56 x 7 chart: ${sizes.all} bytes (SVG ${sizes.svg}), ${sizes.gzip} gzipped`);
    expect(sizes.all).toBeLessThan(12_000);
    expect(sizes.gzip).toBeLessThan(5_000);
  });
});

const vdemScale = { min: 0, max: 1, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1], format: (v: number) => v.toFixed(1) };

describe('chart table', () => {
  const table = String(
    ChartTable({
      caption: 'Cases answered within target',
      xTitle: 'Week',
      xLabels: ['W1', 'W2', 'W3'],
      series: [
        { label: 'Answered in time', values: [80, null, 95.5] },
        { label: 'Region', values: [70, 71] },
      ],
      format: percent,
      target: { value: 90, label: 'Target: 90 %' },
      missing: 'no data',
    }),
  );

  it('gives a row per x label and a column per series, with headers for both', () => {
    expect(table).toContain('<caption>Cases answered within target<br/>Target: 90 %</caption>');
    expect(table).toContain(
      '<thead><tr><th scope="col">Week</th><th scope="col">Answered in time</th><th scope="col">Region</th></tr></thead>',
    );
    const rows = [...table.matchAll(/<tr><th scope="row">([^<]*)<\/th>((?:<td>[^<]*<\/td>)*)<\/tr>/g)].map((m) => [
      m[1],
      ...[...m[2]!.matchAll(/<td>([^<]*)<\/td>/g)].map((c) => c[1]),
    ]);
    expect(rows).toEqual([
      ['W1', '80 %', '70 %'],
      ['W2', 'no data', '71 %'],
      ['W3', '95.5 %', 'no data'],
    ]);
  });

  it('is a focusable scrolling region named by its caption', () => {
    expect(table).toMatch(
      /^<div class="chart-table" role="region" aria-label="Cases answered within target" tabindex="0">/,
    );
  });
});
