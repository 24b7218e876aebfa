// What the figures say: a region's median per year, and the changes large enough to count (a
// year-over-year change at least as large as the space's cutpoint, DemSpaces' rule for one year).
import { INDEX_NAMES, type CountryYear, type Cutpoint, type IndexName, type SignificantChange } from './model.ts';

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** For each index, the median of the rows' values in each of the given years (null where none). */
export function mediansByYear(rows: CountryYear[], years: number[]): Record<IndexName, (number | null)[]> {
  const byYear = new Map<number, CountryYear[]>();
  for (const r of rows) byYear.set(r.year, [...(byYear.get(r.year) ?? []), r]);
  const out = {} as Record<IndexName, (number | null)[]>;
  for (const n of INDEX_NAMES)
    out[n] = years.map((y) => median((byYear.get(y) ?? []).flatMap((r) => (r[n] === null ? [] : [r[n]]))));
  return out;
}

/** The V-Dem values carry three decimals; rounding the difference keeps 0.05 from becoming 0.0499999. */
const diff = (to: number, from: number) => Math.round((to - from) * 1e6) / 1e6;

/** Every significant change of a country (consecutive years only), most recent first. */
export function significantChanges(years: CountryYear[], cutpoints: Cutpoint[]): SignificantChange[] {
  const changes: SignificantChange[] = [];
  for (let i = 1; i < years.length; i++) {
    const prev = years[i - 1]!;
    const cur = years[i]!;
    if (cur.year !== prev.year + 1) continue;
    for (const c of cutpoints) {
      const from = prev[c.indicator];
      const to = cur[c.indicator];
      if (from === null || to === null) continue;
      const d = diff(to, from);
      if (d >= c.up) changes.push({ year: cur.year, index: c.indicator, direction: 'up', from, to });
      else if (d <= -c.down) changes.push({ year: cur.year, index: c.indicator, direction: 'down', from, to });
    }
  }
  const order = (i: IndexName) => INDEX_NAMES.indexOf(i);
  return changes.sort((a, b) => b.year - a.year || order(a.index) - order(b.index));
}

/** The latest year's value of each index and its change from the year before (null without one). */
export function latest(
  years: CountryYear[],
  cutpoints: Cutpoint[],
): {
  year: number;
  values: Record<IndexName, { value: number | null; change: number | null; significant: 'up' | 'down' | null }>;
} | null {
  const cur = years.at(-1);
  if (!cur) return null;
  const prev = years.at(-2);
  const values = {} as Record<
    IndexName,
    { value: number | null; change: number | null; significant: 'up' | 'down' | null }
  >;
  for (const n of INDEX_NAMES) {
    const value = cur[n];
    const before = prev && prev.year === cur.year - 1 ? prev[n] : null;
    const change = value !== null && before !== null ? diff(value, before) : null;
    const cut = cutpoints.find((c) => c.indicator === n);
    const significant = change === null || !cut ? null : change >= cut.up ? 'up' : change <= -cut.down ? 'down' : null;
    values[n] = { value, change, significant };
  }
  return { year: cur.year, values };
}
