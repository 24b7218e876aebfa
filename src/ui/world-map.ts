// A world map of counts per country, drawn on the server as SVG (issue 13): no script, no tiles, nothing
// from another host. The shapes are computed once per process (world-map-geometry.ts); a call only
// chooses each country's fill class, its <title> and its link. Colours live in app.css (the CSP
// allows no style attributes). The map is one image to assistive technology, named by its title and
// description; the page gives the same figures and links as a table, which is also the keyboard's
// way in (the links on the map are for the pointer and are left out of the tab order).
import { escapeXml } from './escape.ts';
import { mapGeometry, type CountryShape } from './world-map-geometry.ts';

/** One step of the fill scale: counts from min to max inclusive (max undefined: no upper bound). */
export interface MapStep {
  className: string;
  min: number;
  max: number | undefined;
}

/** The fill steps, lightest first; a country absent from the counts has none and is drawn grey. */
export const MAP_STEPS: readonly MapStep[] = [
  { className: 'map-0', min: 0, max: 0 },
  { className: 'map-1', min: 1, max: 1 },
  { className: 'map-2', min: 2, max: 4 },
  { className: 'map-3', min: 5, max: 19 },
  { className: 'map-4', min: 20, max: undefined },
];

/** The step a count falls in (below zero counts as zero). */
export function mapStep(count: number): MapStep {
  return MAP_STEPS.findLast((step) => count >= step.min) ?? MAP_STEPS[0]!;
}

export interface WorldMapOptions {
  /** The accessible name of the map. */
  title: string;
  /** A longer description (e.g. "The table below gives the same figures"). */
  description?: string;
  /** A country's tooltip and accessible text, e.g. "Belarus: 12 organisations". */
  describe: (iso2: string, count: number) => string;
  /** Where a country with a count above zero links to; undefined for no link. */
  href?: (iso2: string) => string | undefined;
  /** A country to outline (e.g. the page's own), drawn on top. */
  highlight?: string;
  /** Prefix of the ids of the title and description, unique on the page; default "world-map". */
  id?: string;
}

/** The alpha-2 codes the map has a shape for (small states such as Singapore or Malta have none). */
export function mappedCountries(): ReadonlySet<string> {
  mapped ??= new Set(mapGeometry().shapes.flatMap((s) => (s.iso2 ? [s.iso2] : [])));
  return mapped;
}
let mapped: ReadonlySet<string> | undefined;

/** The world with each country filled by its count (ISO 3166-1 alpha-2 keys); countries without one in grey. */
export function worldMapSvg(counts: ReadonlyMap<string, number>, options: WorldMapOptions): string {
  const { width, height, shapes } = mapGeometry();
  const byCode = new Map([...counts].map(([code, count]) => [code.toUpperCase(), count]));
  const highlight = options.highlight?.toUpperCase();
  const id = options.id ?? 'world-map';
  // Grey countries first, then those with counts, then the highlighted one, so its outline stays whole.
  const rank = (s: CountryShape) => (s.iso2 === highlight && highlight ? 2 : byCode.has(s.iso2 ?? '') ? 1 : 0);
  const ordered = [...shapes].sort((a, b) => rank(a) - rank(b));
  const body = ordered.map((shape) => countryPath(shape, byCode, highlight, options)).join('');
  const desc = options.description ? `<desc id="${id}-d">${escapeXml(options.description)}</desc>` : '';
  const describedBy = options.description ? ` aria-describedby="${id}-d"` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" class="world-map" role="img"` +
    ` aria-labelledby="${id}-t"${describedBy}><title id="${id}-t">${escapeXml(options.title)}</title>${desc}${body}</svg>`
  );
}

function countryPath(
  shape: CountryShape,
  counts: ReadonlyMap<string, number>,
  highlight: string | undefined,
  options: WorldMapOptions,
): string {
  const code = shape.iso2;
  const count = code === undefined ? undefined : counts.get(code);
  const classes = [count === undefined ? '' : mapStep(count).className, code && code === highlight ? 'map-here' : '']
    .filter(Boolean)
    .join(' ');
  const cls = classes ? ` class="${classes}"` : '';
  if (code === undefined || count === undefined) return `<path${cls} d="${shape.d}"/>`;
  const path = `<path${cls} d="${shape.d}"><title>${escapeXml(options.describe(code, count))}</title></path>`;
  const href = count > 0 ? options.href?.(code) : undefined;
  return href ? `<a href="${escapeXml(href)}" tabindex="-1">${path}</a>` : path;
}

/** The key to the fills, as an HTML list for beside the map: one label per step and one for "no data". */
export function worldMapLegend(labels: { noData: string; step: (step: MapStep) => string }): string {
  const item = (className: string, label: string) =>
    `<li><span class="map-key ${className}" aria-hidden="true"></span> ${escapeXml(label)}</li>`;
  const items = MAP_STEPS.map((step) => item(step.className, labels.step(step)));
  return `<ul class="legend map-legend">${item('map-none', labels.noData)}${items.join('')}</ul>`;
}
