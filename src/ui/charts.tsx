// Line charts drawn on the server as SVG: no script, nothing from another host, colours from app.css
// (the CSP allows no style attributes). Series differ by colour and by marker shape, and a comparison
// series is dashed, so the lines are told apart without colour. The chart is one image to assistive
// technology, named by its title and description; the legend is HTML beside it (so long or
// right-to-left names wrap), and ChartTable gives the same figures as a table. Time runs left to right
// in every language, as in Arabic-language newspapers: the SVG is always laid out left to right, and
// only its text follows the page's direction. Same input, same bytes: no random ids, no clock.
import type { Child } from 'hono/jsx';
import {
  CHART_STYLES,
  FONT,
  MARKS,
  frame,
  labelStep,
  linePath,
  markerPath,
  num,
  styleOf,
  value,
  type ChartScale,
  type ChartSeries,
  type ChartTarget,
} from './chart-geometry.ts';

export { CHART_STYLES, labelStep, type ChartScale, type ChartSeries, type ChartTarget };

export interface LineChartProps {
  /** Prefix of the chart's ids (title, description, markers): unique on the page. */
  id: string;
  title: string;
  description?: string;
  xLabels: readonly string[];
  series: readonly ChartSeries[];
  y: ChartScale;
  target?: ChartTarget;
  /** The direction of the page's language, for the text in the chart; the plot runs left to right. */
  dir?: 'ltr' | 'rtl';
  width?: number;
  height?: number;
}

/** The chart as an SVG image, with its legend as an HTML list after it. */
export function LineChart(props: LineChartProps) {
  const { id, xLabels, series, y, target } = props;
  const width = props.width ?? 640;
  const height = props.height ?? 300;
  const rtl = props.dir === 'rtl';
  const f = frame(xLabels, y, width, height);
  const count = xLabels.length;
  const step = labelStep(xLabels, count > 1 ? f.x(1) - f.x(0) : width);
  const labelled = xLabels.flatMap((label, i) => ((count - 1 - i) % step === 0 ? [{ label, i }] : []));
  const ticks = y.ticks.filter((t) => t >= y.min && t <= y.max);
  const grid = ticks.map((t) => `M${num(f.left)} ${num(f.y(t))}H${num(f.right)}`).join('');
  const xTicks = labelled.map(({ i }) => `M${num(f.x(i))} ${num(f.bottom)}v4`).join('');
  // Right-aligned text: its end in left-to-right text, its start in right-to-left.
  const alignRight = rtl ? 'start' : 'end';
  const used = [...new Set(series.map((_, i) => styleOf(i)))];
  return (
    <div class="line-chart">
      <svg
        xmlns="http://www.w3.org/2000/svg"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${id}-t`}
        aria-describedby={props.description ? `${id}-d` : undefined}
        direction="ltr"
        font-size={FONT}
      >
        {/* hono/jsx keeps a <title> inside <svg> in place; anywhere else it would move it to the head. */}
        <title id={`${id}-t`}>{props.title}</title>
        {props.description && <desc id={`${id}-d`}>{props.description}</desc>}
        <defs>
          {used.map((k) => (
            <marker
              id={`${id}-m${k}`}
              class={`chart-s${k}`}
              refX="4"
              refY="4"
              markerWidth="8"
              markerHeight="8"
              markerUnits="userSpaceOnUse"
            >
              <path d={MARKS[k]} />
            </marker>
          ))}
        </defs>
        <path class="chart-grid" d={grid} />
        <path class="chart-axis" d={`M${num(f.left)} ${num(f.bottom)}H${num(f.right)}${xTicks}`} />
        <g direction={rtl ? 'rtl' : undefined}>
          <g text-anchor={alignRight}>
            {ticks.map((t) => (
              <text x={num(f.left - 6)} y={num(f.y(t) + 4)}>
                {y.format(t)}
              </text>
            ))}
          </g>
          <g text-anchor="middle">
            {labelled.map(({ label, i }) => (
              <text x={num(f.x(i))} y={num(f.bottom + 16)}>
                {label}
              </text>
            ))}
          </g>
        </g>
        {series.map((s, i) => {
          const k = styleOf(i);
          const marker = `url(#${id}-m${k})`;
          const marks = markerPath(s, count, step, f);
          return (
            <g class={`chart-s${k}`} fill="none">
              <path class={s.dashed ? 'chart-line chart-dashed' : 'chart-line'} d={linePath(s, count, f)} />
              {marks && (
                <path class="chart-marks" d={marks} marker-start={marker} marker-mid={marker} marker-end={marker} />
              )}
            </g>
          );
        })}
        {target && target.value >= y.min && target.value <= y.max && (
          <g class="chart-target">
            <path d={`M${num(f.left)} ${num(f.y(target.value))}H${num(f.right)}`} />
            <text
              x={num(f.right)}
              y={num(f.y(target.value) - 4)}
              text-anchor={alignRight}
              direction={rtl ? 'rtl' : undefined}
            >
              {target.label}
            </text>
          </g>
        )}
      </svg>
      <ChartLegend series={series} target={target} />
    </div>
  );
}

/** A sample of each line (its colour, dash and marker) with its name; the target's dashed rule last. */
function ChartLegend({ series, target }: { series: readonly ChartSeries[]; target: ChartTarget | undefined }) {
  const sample = (cls: string, line?: string, mark?: Child) => (
    <svg class={cls} width="30" height="12" viewBox="0 0 30 12" aria-hidden="true">
      <path class={line} d="M1 6h28" />
      {mark}
    </svg>
  );
  return (
    <ul class="legend chart-legend">
      {series.map((s, i) => (
        <li>
          {sample(
            `chart-s${styleOf(i)}`,
            s.dashed ? 'chart-line chart-dashed' : 'chart-line',
            <path class="chart-mark" transform="translate(11 2)" d={MARKS[styleOf(i)]} />,
          )}{' '}
          {s.label}
        </li>
      ))}
      {target && (
        <li>
          {sample('chart-target')} {target.label}
        </li>
      )}
    </ul>
  );
}

export interface ChartTableProps {
  caption: string;
  /** The heading of the column of x labels, e.g. "Year" or "Week". */
  xTitle: string;
  xLabels: readonly string[];
  series: readonly ChartSeries[];
  format: (v: number) => string;
  target?: ChartTarget;
  /** What an empty cell says (e.g. "no data" in the reader's language); default an en dash. */
  missing?: string;
}

/** The figures of a chart as a table: a row per x label, a column per series. It scrolls sideways on a
 * narrow screen, and the scrolling region takes focus so a keyboard can scroll it. */
export function ChartTable(props: ChartTableProps) {
  const { series, format } = props;
  const missing = props.missing ?? '–';
  return (
    <div class="chart-table" role="region" aria-label={props.caption} tabindex={0}>
      <table class="figures">
        <caption>
          {props.caption}
          {props.target && (
            <>
              <br />
              {props.target.label}
            </>
          )}
        </caption>
        <thead>
          <tr>
            <th scope="col">{props.xTitle}</th>
            {series.map((s) => (
              <th scope="col">{s.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.xLabels.map((label, i) => (
            <tr>
              <th scope="row">{label}</th>
              {series.map((s) => {
                const v = value(s, i);
                return <td>{v === null ? missing : format(v)}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
