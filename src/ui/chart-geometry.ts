// The geometry of the line charts (charts.tsx): where the plot sits in the image, where a value and
// an x label fall, and the path data of the lines and their markers, with every number rounded to one
// decimal so the SVG stays small and the same input gives the same bytes.

export interface ChartSeries {
  label: string;
  /** One value per x label; null (or a missing or non-finite value) leaves a gap in the line. */
  values: readonly (number | null)[];
  /** A comparison series (e.g. a region's median): drawn dashed. */
  dashed?: boolean;
}

export interface ChartScale {
  min: number;
  max: number;
  /** Where the gridlines go, each labelled by format. */
  ticks: readonly number[];
  format: (v: number) => string;
}

export interface ChartTarget {
  value: number;
  /** Shown at the line and in the legend, e.g. "Target: 90 %". */
  label: string;
}

/** How many series have a style of their own; beyond it colours and markers repeat. */
export const CHART_STYLES = 8;

/** Marker shapes in an 8 x 8 box centred on 4,4: circle, square, triangles, diamond, plus, cross, hollow square. */
export const MARKS = [
  'M4 .8a3.2 3.2 0 1 1 0 6.4 3.2 3.2 0 1 1 0-6.4z',
  'M1 1h6v6H1z',
  'M4 .3 7.8 7.3H.2z',
  'M4 0 8 4 4 8 0 4z',
  'M.2.7h7.6L4 7.7z',
  'M2.8 0h2.4v2.8H8v2.4H5.2V8H2.8V5.2H0V2.8h2.8z',
  'M0 1.7 1.7 0 4 2.3 6.3 0 8 1.7 5.7 4 8 6.3 6.3 8 4 5.7 1.7 8 0 6.3 2.3 4z',
  'M0 0h8v8H0zm2 2v4h4V2z',
];

export const FONT = 11;
/** A generous average advance of a character at FONT, to keep labels from colliding. */
const CHAR = 6.4;
const NICE_STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000];

/** A coordinate rounded to one decimal, as short as it can be written ("-0" becomes "0"). */
export const num = (v: number): string => String(Math.round(v * 10) / 10 + 0);

export const value = (s: ChartSeries, i: number): number | null => {
  const v = s.values[i];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

/** Every how many points an x label fits, preferring round steps; the last point is always labelled. */
export function labelStep(labels: readonly string[], spacing: number): number {
  const widest = Math.max(0, ...labels.map((l) => l.length)) * CHAR + 8;
  const need = Math.ceil(widest / Math.max(spacing, 0.1));
  return NICE_STEPS.find((s) => s >= need) ?? need;
}

export interface Frame {
  left: number;
  right: number;
  top: number;
  bottom: number;
  x: (i: number) => number;
  y: (v: number) => number;
}

/** The plot's edges and its scales, leaving room for the labels. */
export function frame(xLabels: readonly string[], scale: ChartScale, width: number, height: number): Frame {
  const widestTick = Math.max(0, ...scale.ticks.map((t) => scale.format(t).length));
  const left = 8 + widestTick * CHAR;
  const right = width - 10;
  const top = 14;
  const bottom = height - 24;
  const n = xLabels.length;
  // Room at each end for half of the first and last x labels, which are centred on their points.
  const half = (Math.max(0, ...xLabels.map((l) => l.length)) * CHAR) / 2;
  const padLeft = Math.max(8, half - left + 4);
  const padRight = Math.max(8, half - (width - right) + 4);
  const step = n > 1 ? (right - left - padLeft - padRight) / (n - 1) : 0;
  const { min, max } = scale;
  const span = max - min || 1;
  return {
    left,
    right,
    top,
    bottom,
    x: (i) => (n > 1 ? left + padLeft + i * step : (left + right) / 2),
    y: (v) => bottom - ((Math.min(max, Math.max(min, v)) - min) / span) * (bottom - top),
  };
}

/** A number in tenths, written short: 104 -> "10.4", -5 -> "-.5". */
const tenths = (t: number): string => num(t / 10).replace(/^(-?)0\./, '$1.');

/** A number after another in path data: a minus sign separates it, otherwise a space. */
const spaced = (n: string): string => (n.startsWith('-') ? n : ` ${n}`);

/** A series' line: one subpath per unbroken run of values, a lone value a dot (a zero-length stroke).
 * Steps are relative and taken between rounded points, so no rounding error builds up along a line. */
export function linePath(s: ChartSeries, count: number, f: Pick<Frame, 'x' | 'y'>): string {
  let d = '';
  let run = 0;
  let at: [number, number] = [0, 0];
  for (let i = 0; i <= count; i++) {
    const v = i < count ? value(s, i) : null;
    if (v === null) {
      if (run === 1) d += 'h0';
      run = 0;
      continue;
    }
    const p: [number, number] = [Math.round(f.x(i) * 10), Math.round(f.y(v) * 10)];
    if (run === 0) d += `M${tenths(p[0])} ${tenths(p[1])}`;
    else {
      const [dx, dy] = [tenths(p[0] - at[0]), tenths(p[1] - at[1])];
      d += `${run === 1 ? `l${dx}` : spaced(dx)}${spaced(dy)}`;
    }
    at = p;
    run++;
  }
  return d;
}

/** The points that carry a marker: those with an x label, and any value standing alone between gaps. */
export function markerPath(s: ChartSeries, count: number, step: number, f: Pick<Frame, 'x' | 'y'>): string {
  const points: string[] = [];
  for (let i = 0; i < count; i++) {
    const v = value(s, i);
    if (v === null) continue;
    const alone = (i === 0 || value(s, i - 1) === null) && (i === count - 1 || value(s, i + 1) === null);
    if ((count - 1 - i) % step === 0 || alone) points.push(`${num(f.x(i))} ${num(f.y(v))}`);
  }
  return points.length ? `M${points.join('L')}` : '';
}

export const styleOf = (i: number) => i % CHART_STYLES;
