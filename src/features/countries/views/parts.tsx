// Pieces of the country pages: number formats, the V-Dem attribution, and one space's chart with its
// figures as a table (a <details> so the page stays short; it opens without JavaScript).
import type { Child } from 'hono/jsx';
import { countryName, direction, type Locale, type Translate } from '../../../platform/i18n/index.ts';
import { ChartTable, LineChart, type ChartSeries } from '../../../ui/charts.tsx';
import { FORMER_CODES, type IndexName, type SpaceName } from '../service.ts';

export interface Base {
  locale: Locale;
  t: Translate;
}

const formats = new Map<string, Intl.NumberFormat>();
function formatter(locale: Locale, kind: 'value' | 'tick' | 'change'): Intl.NumberFormat {
  const key = `${locale}:${kind}`;
  let f = formats.get(key);
  if (!f) {
    const digits = kind === 'tick' ? 2 : 3;
    f = new Intl.NumberFormat(locale, {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      ...(kind === 'change' ? { signDisplay: 'exceptZero' as const } : {}),
    });
    formats.set(key, f);
  }
  return f;
}

export const formatScore = (locale: Locale, v: number) => formatter(locale, 'value').format(v);
export const formatChange = (locale: Locale, v: number) => formatter(locale, 'change').format(v);

/** The years as x labels: written as numbers without grouping in every language. */
export const yearLabel = (locale: Locale, year: number) =>
  new Intl.NumberFormat(locale, { useGrouping: false }).format(year);

export function Attribution({ t }: { t: Translate }) {
  return (
    <p class="attribution">
      <small>
        {t('countries.attribution')}{' '}
        <a href="https://creativecommons.org/licenses/by-sa/4.0/" rel="license">
          CC BY-SA 4.0
        </a>
      </small>
    </p>
  );
}

/**
 * A country's name in the reader's language. The runtime's data names a former code by its successor
 * (DD as "Germany"), so the three former countries V-Dem covers take their names from the catalogs.
 */
export const countryLabel = (t: Translate, locale: Locale, iso2: string): string =>
  FORMER_CODES.includes(iso2) ? t(`countries.former.${iso2}`) : countryName(locale, iso2);

export const spaceName = (t: Translate, space: SpaceName) => t(`countries.space.${space}`);

export function SpaceChart(
  p: Base & {
    id: string;
    index: IndexName;
    space: SpaceName;
    title: string;
    description: string;
    caption: string;
    years: number[];
    series: ChartSeries[];
  },
) {
  const { locale, t } = p;
  const xLabels = p.years.map((y) => yearLabel(locale, y));
  return (
    <section class="space-chart" aria-labelledby={`${p.id}-h`}>
      <h3 id={`${p.id}-h`}>{spaceName(t, p.space)}</h3>
      <p class="muted">{t(`countries.index.${p.space}`)}</p>
      <LineChart
        id={p.id}
        title={p.title}
        description={p.description}
        xLabels={xLabels}
        series={p.series}
        y={{ min: 0, max: 1, ticks: [0, 0.25, 0.5, 0.75, 1], format: (v) => formatter(locale, 'tick').format(v) }}
        dir={direction(locale)}
        height={240}
      />
      <details>
        <summary>{t('countries.figures')}</summary>
        <ChartTable
          caption={p.caption}
          xTitle={t('countries.year')}
          xLabels={xLabels}
          series={p.series}
          format={(v) => formatScore(locale, v)}
          missing={t('countries.noData')}
        />
      </details>
    </section>
  );
}

/** A table of figures in a region that scrolls sideways on a narrow screen (and takes focus to do so). */
export function FiguresTable(p: { caption: string; head: Child; children: Child }) {
  return (
    <div class="chart-table" role="region" aria-label={p.caption} tabindex={0}>
      <table class="figures">
        <caption>{p.caption}</caption>
        <thead>{p.head}</thead>
        <tbody>{p.children}</tbody>
      </table>
    </div>
  );
}
