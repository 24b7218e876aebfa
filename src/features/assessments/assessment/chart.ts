// The trend chart: each domain's risk over the closed assessments, drawn on the server as SVG (no
// script, no external font). Lines differ by colour and by dash pattern; the page adds a legend (HTML,
// so long or right-to-left names wrap) and the figures as a table. Time runs left to right in every
// language, as in the charts of Arabic-language newspapers.
import { scaleLinear, scalePoint } from 'd3-scale';
import { line } from 'd3-shape';
import { escapeXml as esc } from '../../../ui/escape.ts';
import type { DomainId } from './instrument.ts';
import { BANDS, type DomainScore } from './scoring.ts';

export interface ChartPoint {
  label: string;
  scores: DomainScore[];
}

const STYLE: Record<DomainId, { stroke: string; dash: string }> = {
  legal: { stroke: '#0b5cad', dash: '' },
  funding: { stroke: '#b3261e', dash: '6 3' },
  digital: { stroke: '#1e6b37', dash: '2 3' },
  physical: { stroke: '#6a3d9a', dash: '10 4 2 4' },
  reputation: { stroke: '#8a5a00', dash: '4 4' },
  people: { stroke: '#00695c', dash: '1 5' },
  political: { stroke: '#37474f', dash: '12 3' },
};

/** An accessible SVG: a title, a description, and the figures also given in a table beside it by the page. */
export function trendChart(points: ChartPoint[], title: string): string {
  const width = 640;
  const height = 300;
  const m = { top: 16, right: 16, bottom: 40, left: 40 };
  const max = Math.max(BANDS.high * 2, ...points.flatMap((p) => p.scores.map((s) => s.risk ?? 0)));
  const x = scalePoint<string>()
    .domain(points.map((_, i) => String(i)))
    .range([m.left, width - m.right])
    .padding(0.3);
  const y = scaleLinear()
    .domain([0, max])
    .range([height - m.bottom, m.top])
    .nice();
  const parts: string[] = [];
  // Bands behind the lines: where high and medium start.
  parts.push(
    `<rect x="${m.left}" y="${y(y.domain()[1]!)}" width="${width - m.left - m.right}" height="${y(BANDS.high) - y(y.domain()[1]!)}" fill="#fde7e5"/>`,
  );
  parts.push(
    `<rect x="${m.left}" y="${y(BANDS.high)}" width="${width - m.left - m.right}" height="${y(BANDS.medium) - y(BANDS.high)}" fill="#fff4d6"/>`,
  );
  for (const tick of y.ticks(5)) {
    parts.push(`<line x1="${m.left}" x2="${width - m.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="#d5d9de"/>`);
    parts.push(
      `<text x="${m.left - 6}" y="${y(tick) + 4}" text-anchor="end" font-size="11" fill="#4f5864">${tick}</text>`,
    );
  }
  points.forEach((p, i) =>
    parts.push(
      `<text x="${x(String(i))}" y="${height - m.bottom + 18}" text-anchor="middle" font-size="11" fill="#4f5864">${esc(p.label)}</text>`,
    ),
  );
  for (const domain of Object.keys(STYLE) as DomainId[]) {
    const series = points.map((p, i) => ({ i, risk: p.scores.find((s) => s.domain === domain)?.risk ?? null }));
    const path = line<{ i: number; risk: number | null }>()
      .defined((d) => d.risk !== null)
      .x((d) => x(String(d.i))!)
      .y((d) => y(d.risk!))(series);
    const { stroke, dash } = STYLE[domain];
    if (path)
      parts.push(
        `<path d="${path}" fill="none" stroke="${stroke}" stroke-width="2.5"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`,
      );
    for (const d of series)
      if (d.risk !== null) parts.push(`<circle cx="${x(String(d.i))}" cy="${y(d.risk)}" r="3.5" fill="${stroke}"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="trend-title" class="trend"><title id="trend-title">${esc(title)}</title>${parts.join('')}</svg>`;
}

/** A small sample of a domain's line, for the legend beside the chart. */
export function legendSwatch(domain: DomainId): string {
  const { stroke, dash } = STYLE[domain];
  return `<svg width="34" height="10" viewBox="0 0 34 10" aria-hidden="true"><line x1="1" x2="33" y1="5" y2="5" stroke="${stroke}" stroke-width="3"${dash ? ` stroke-dasharray="${dash}"` : ''}/></svg>`;
}
