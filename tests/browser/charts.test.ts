// The line chart as Chromium draws it with the served stylesheet, in a left-to-right and a
// right-to-left page: the plot runs left to right in both, every label stays inside the image and off
// the plot, the series take their colours and dashes from app.css, and axe finds nothing serious.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetText } from '../../src/ui/assets.ts';
import { ChartTable, LineChart, type ChartSeries } from '../../src/ui/charts.tsx';
import { expectAccessible } from './axe.ts';
import { chromiumAvailable, launchBrowser } from './browser.ts';

const years = Array.from({ length: 56 }, (_, i) => String(1968 + i));
const weeks = Array.from({ length: 26 }, (_, i) => i + 1);

const PAGES = {
  ltr: {
    lang: 'en',
    names: ['Association', 'Expression', 'Repression', 'Entry and exit', 'Censorship', 'Academic', 'Region median'],
    week: (n: number) => `W${n}`,
    percent: (v: number) => `${v} %`,
    target: 'Target: 90 %',
  },
  rtl: {
    lang: 'ar',
    names: ['تكوين الجمعيات', 'التعبير', 'القمع', 'الدخول والخروج', 'الرقابة', 'الحرية الأكاديمية', 'الوسيط الإقليمي'],
    week: (n: number) => `أسبوع ${n}`,
    percent: (v: number) => `${v}٪`,
    target: 'الهدف: 90٪',
  },
} as const;

function page(dir: 'ltr' | 'rtl'): string {
  const p = PAGES[dir];
  const series: ChartSeries[] = p.names.map((label, k) => ({
    label,
    values: years.map((_, i) => (k === 2 && i > 9 && i < 14 ? null : 0.5 + 0.45 * Math.sin(i / (4 + k) + k))),
    dashed: k === 6,
  }));
  const weekly: ChartSeries[] = [{ label: p.names[0], values: weeks.map((n) => (n === 8 ? null : 80 + n / 2)) }];
  const y = { min: 0, max: 1, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1], format: (v: number) => v.toFixed(1) };
  const percent = { min: 0, max: 100, ticks: [0, 25, 50, 75, 100], format: p.percent };
  const xLabels = weeks.map(p.week);
  const body = [
    LineChart({ id: 'vdem', dir, title: 'Civic space', xLabels: years, series, y }),
    ChartTable({ caption: 'Civic space', xTitle: 'Year', xLabels: years, series, format: y.format }),
    LineChart({
      id: 'sla',
      dir,
      title: 'SLA',
      xLabels,
      series: weekly,
      y: percent,
      target: { value: 90, label: p.target },
    }),
  ].join('');
  return `<!doctype html><html lang="${p.lang}" dir="${dir}"><head><meta charset="utf-8"><title>Charts</title><style>${assetText('app.css')}</style></head><body><main><h1>Charts</h1>${body}</main></body></html>`;
}

interface Box {
  left: number;
  right: number;
  text: string;
}

/** Where Chromium put the parts of the chart with this id, in page pixels. */
function layout(p: Page, id: string) {
  return p.evaluate((chartId) => {
    const svg = document.querySelector(`svg[aria-labelledby="${chartId}-t"]`)!;
    const box = (e: Element) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, right: r.right, text: e.textContent ?? '' };
    };
    const lines = [...svg.querySelectorAll('.chart-line')].map((e) => getComputedStyle(e));
    return {
      svg: box(svg),
      grid: box(svg.querySelector('.chart-grid')!),
      yLabels: [...svg.querySelectorAll('g[text-anchor="end"] text, g[text-anchor="start"] text')].map(box),
      xLabels: [...svg.querySelectorAll('g[text-anchor="middle"] text')].map(box),
      target: svg.querySelector('.chart-target text') ? box(svg.querySelector('.chart-target text')!) : null,
      strokes: lines.map((s) => s.stroke),
      dashes: lines.map((s) => s.strokeDasharray),
    };
  }, id);
}

const inside = (b: Box, outer: Box) => b.left >= outer.left - 0.5 && b.right <= outer.right + 0.5;

describe.skipIf(!chromiumAvailable())('line chart in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const dir of ['ltr', 'rtl'] as const) {
    it(`lays out a ${dir} page with the plot left to right and every label in place`, async () => {
      const context = await browser.newContext({ javaScriptEnabled: true, viewport: { width: 900, height: 900 } });
      try {
        const p = await context.newPage();
        await p.setContent(page(dir));
        const vdem = await layout(p, 'vdem');
        // Time runs left to right: 1968 at the left, 2023 at the right.
        expect(vdem.xLabels[0]!.text).toBe('1968');
        expect(vdem.xLabels.at(-1)!.text).toBe('2023');
        expect(vdem.xLabels[0]!.right).toBeLessThan(vdem.xLabels.at(-1)!.left);
        for (const label of vdem.xLabels) expect(inside(label, vdem.svg), label.text).toBe(true);
        // The y labels sit between the image's edge and the plot, not on it.
        expect(vdem.yLabels).toHaveLength(6);
        for (const label of vdem.yLabels) {
          expect(label.right, label.text).toBeLessThanOrEqual(vdem.grid.left + 0.5);
          expect(label.left, label.text).toBeGreaterThanOrEqual(vdem.svg.left - 0.5);
        }
        expect(new Set(vdem.strokes).size).toBe(7);
        expect(vdem.strokes[0]).toBe('rgb(11, 92, 173)');
        expect(vdem.dashes.slice(0, 6)).toEqual(Array(6).fill('none'));
        expect(vdem.dashes[6]).not.toBe('none');

        const sla = await layout(p, 'sla');
        // Labels such as "أسبوع 26" are wider than a year, and the first and last still fit.
        for (const label of sla.xLabels) expect(inside(label, sla.svg), label.text).toBe(true);
        expect(sla.target!.text).toBe(PAGES[dir].target);
        expect(inside(sla.target!, sla.grid)).toBe(true);
        await expectAccessible(p, `charts (${dir})`);
      } finally {
        await context.close();
      }
    });
  }
});
