// The list of assessments: start one (blank or from the last), each one's state, the trend of the
// closed ones, and a form to compare two of them.
import { raw } from 'hono/html';
import { formatDate, type Locale, type Translate } from '../../../../platform/i18n/index.ts';
import { OrgTabs } from '../../../../ui/components/org-tabs.tsx';
import { PostForm } from '../../../../ui/components/form.tsx';
import { legendSwatch, type ChartPoint } from '../chart.ts';
import type { DomainId } from '../instrument.ts';
import type { AssessmentRow } from '../queries.ts';
import { n } from '../../format.ts';
import type { Base } from './parts.tsx';

export interface Trend {
  svg: string;
  points: ChartPoint[];
  names: Record<DomainId, string>;
}

/** The chart, its legend (line samples with names), and the same figures as a table. */
function TrendSection({ trend, locale, t }: { trend: Trend; locale: Locale; t: Translate }) {
  const domains = Object.keys(trend.names) as DomainId[];
  return (
    <section aria-labelledby="trend">
      <h2 id="trend">{t('assess.trend')}</h2>
      <div class="chart">{raw(trend.svg)}</div>
      <ul class="legend">
        {domains.map((d) => (
          <li>
            {raw(legendSwatch(d))} {trend.names[d]}
          </li>
        ))}
      </ul>
      <details>
        <summary>{t('assess.trend.figures')}</summary>
        <table class="figures">
          <thead>
            <tr>
              <th scope="col">{t('assess.domain')}</th>
              {trend.points.map((p) => (
                <th scope="col">{p.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {domains.map((d) => (
              <tr>
                <th scope="row">{trend.names[d]}</th>
                {trend.points.map((p) => {
                  const r = p.scores.find((s) => s.domain === d)?.risk;
                  return <td>{r === null || r === undefined ? '–' : n(locale, r)}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

export function AssessmentsPage({
  locale,
  t,
  base,
  orgName,
  items,
  canStart,
  csrf,
  trend,
}: Base & { orgName: string; items: AssessmentRow[]; canStart: boolean; csrf: string; trend: Trend | null }) {
  const closed = items.filter((a) => a.status === 'closed');
  return (
    <>
      <p class="crumb">{orgName}</p>
      <h1>{t('assess.title')}</h1>
      <OrgTabs base={base} t={t} here="assessments" />
      <p class="lead">{t('assess.lead')}</p>
      {canStart && (
        <PostForm action={`${base}/assessments`} csrf={csrf}>
          {items.length > 0 && (
            <fieldset>
              <legend>{t('assess.start.from')}</legend>
              <label class="check">
                <input type="radio" name="from" value="last" checked /> {t('assess.start.last')}
              </label>
              <label class="check">
                <input type="radio" name="from" value="blank" /> {t('assess.start.blank')}
              </label>
            </fieldset>
          )}
          <p>
            <button class="button" type="submit">
              {t('assess.start')}
            </button>
          </p>
        </PostForm>
      )}
      {items.length === 0 ? (
        <p>{t('assess.none')}</p>
      ) : (
        <ul class="cards">
          {items.map((a) => (
            <li class="card">
              <h2>
                <a href={`${base}/assessments/${a.id}`}>{t('assess.of', { date: formatDate(locale, a.createdAt) })}</a>
              </h2>
              <p>
                {a.status === 'open'
                  ? t('assess.status.open')
                  : t('assess.status.closed', { date: formatDate(locale, a.closedAt!) })}
              </p>
            </li>
          ))}
        </ul>
      )}
      {trend && <TrendSection trend={trend} locale={locale} t={t} />}
      {closed.length >= 2 && (
        <form method="get" action={`${base}/assessments/compare`} class="compare">
          <h2>{t('assess.compare')}</h2>
          {(['a', 'b'] as const).map((k, i) => (
            <div class="field">
              <label for={`cmp-${k}`}>{t(`assess.compare.${k}`)}</label>
              <select id={`cmp-${k}`} name={k}>
                {closed.map((a, j) => (
                  <option value={a.id} selected={j === (i === 0 ? 1 : 0)}>
                    {formatDate(locale, a.closedAt!)}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <p>
            <button class="button secondary" type="submit">
              {t('assess.compare.submit')}
            </button>
          </p>
        </form>
      )}
    </>
  );
}
