// The export form (columns, format, HXL row, TLP, producer) and the report's print view. Both are plain
// GET forms: they work without JavaScript and their result has an address that can be kept.
import type { Problems } from '../../../platform/errors.ts';
import type { Locale, Translate } from '../../../platform/i18n/index.ts';
import { Choices, ErrorSummary, TextField, type FormValues } from '../../../ui/components/form.tsx';
import { period, type Count, type Report } from './report.ts';
import { COLUMN_IDS, DEFAULT_COLUMNS, DEFAULT_TLP, EXPORT_FORMATS, PEOPLE_COLUMN_IDS, TLP_LEVELS } from './service.ts';

interface Base {
  locale: Locale;
  t: Translate;
}

export function ExportPage({ t, action, mayIncludePeople }: Base & { action: string; mayIncludePeople: boolean }) {
  const column = (id: string) => t(`monitor.out.col.${id}`);
  return (
    <>
      <h1>{t('monitor.out.export.title')}</h1>
      <p>{t('monitor.out.export.intro')}</p>
      <form method="get" action={action}>
        <Choices
          type="radio"
          name="format"
          legend={t('monitor.out.export.format')}
          options={EXPORT_FORMATS}
          chosen={['csv']}
          label={(o) => t(`monitor.out.format.${o}`)}
        />
        <Choices
          name="columns"
          legend={t('monitor.out.export.columns')}
          options={COLUMN_IDS}
          chosen={DEFAULT_COLUMNS}
          label={column}
        />
        <label class="check">
          <input type="checkbox" name="hxl" value="on" /> {t('monitor.out.export.hxl')}
        </label>
        {mayIncludePeople && (
          <fieldset>
            <legend>{t('monitor.out.export.people')}</legend>
            <p class="hint">{t('monitor.out.export.peopleHint')}</p>
            <label class="check">
              <input type="checkbox" name="people" value="on" /> {t('monitor.out.export.peopleYes')}
            </label>
            <Choices
              name="columns"
              legend={t('monitor.out.export.peopleColumns')}
              options={PEOPLE_COLUMN_IDS}
              chosen={[]}
              label={column}
            />
          </fieldset>
        )}
        <Choices
          type="radio"
          name="tlp"
          legend={t('monitor.out.export.tlp')}
          options={TLP_LEVELS}
          chosen={[DEFAULT_TLP]}
          label={(o) => `TLP:${o.toUpperCase()}`}
        />
        <Choices
          type="radio"
          name="producer"
          legend={t('monitor.out.export.producer')}
          options={['anonymous', 'organisation']}
          chosen={['anonymous']}
          label={(o) => t(`monitor.out.producer.${o}`)}
        />
        <button type="submit" class="button">
          {t('monitor.out.export.download')}
        </button>
      </form>
    </>
  );
}

function Counts({ heading, counts, name }: { heading: string; counts: Count[]; name: (c: Count) => string }) {
  if (counts.length === 0) return null;
  return (
    <table>
      <caption>{heading}</caption>
      <tbody>
        {counts.map((c) => (
          <tr>
            <th scope="row">{name(c)}</th>
            <td>{c.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ReportForm({
  t,
  action,
  values,
  problems,
}: Base & { action: string; values: FormValues; problems: Problems }) {
  return (
    <form method="get" action={action} class="no-print" novalidate>
      <ErrorSummary problems={problems} t={t} order={['country', 'from', 'to']} />
      {(['country', 'from', 'to'] as const).map((name) => (
        <TextField
          name={name}
          label={t(`monitor.out.report.${name}`)}
          hint={t(name === 'country' ? 'monitor.out.report.countryHint' : 'monitor.out.report.dateHint')}
          values={values}
          problems={problems}
          t={t}
          max={name === 'country' ? 2 : 10}
        />
      ))}
      <button type="submit" class="button">
        {t('monitor.out.report.show')}
      </button>
    </form>
  );
}

export function ReportView({
  t,
  r,
  countryName,
  markdown,
  feed,
}: Base & { r: Report; countryName: string; markdown: string; feed: string | null }) {
  return (
    <article class="print">
      <h1>{t('monitor.out.report.title', { country: countryName })}</h1>
      <p>{t('monitor.out.report.period', { from: r.from ?? '…', to: r.to ?? '…' })}</p>
      <p class="no-print">
        <a href={markdown}>{t('monitor.out.report.markdown')}</a>
        {feed && (
          <>
            {' · '}
            <a href={feed} type="application/atom+xml">
              {t('monitor.out.report.feed')}
            </a>
          </>
        )}
      </p>
      <h2>{t('monitor.out.report.summary')}</h2>
      <p>{t('monitor.out.report.totals', { events: r.total, sources: r.sources })}</p>
      <Counts heading={t('monitor.out.col.types')} counts={r.byType} name={(c) => c.label} />
      <Counts heading={t('monitor.out.col.rights')} counts={r.byRight} name={(c) => c.label} />
      <Counts heading={t('monitor.out.col.perpetrators')} counts={r.byPerpetrator} name={(c) => c.label} />
      <Counts
        heading={t('monitor.out.col.verification')}
        counts={r.byVerification}
        name={(c) => t(`monitor.out.verification.${c.id}`)}
      />
      <h2>{t('monitor.out.report.events')}</h2>
      {r.events.length === 0 ? (
        <p>{t('monitor.out.report.none')}</p>
      ) : (
        <ol>
          {r.events.map((e) => {
            const what = e.acts.map((a) => a.label).join(', ') || t('monitor.out.report.unstated');
            return (
              <li>
                <strong>{period(e)}</strong>: {e.title ?? what}
                <ul>
                  {e.title && <li>{`${t('monitor.out.col.types')}: ${what}`}</li>}
                  {e.region && <li>{`${t('monitor.out.col.region')}: ${e.region}`}</li>}
                  {e.perpetrators.length > 0 && (
                    <li>{`${t('monitor.out.col.perpetrators')}: ${e.perpetrators.map((p) => p.label).join(', ')}`}</li>
                  )}
                  {e.verification && (
                    <li>{`${t('monitor.out.col.verification')}: ${t(`monitor.out.verification.${e.verification}`)}`}</li>
                  )}
                  {e.sourceCount !== null && <li>{t('monitor.out.report.sourceCount', { count: e.sourceCount })}</li>}
                </ul>
              </li>
            );
          })}
        </ol>
      )}
    </article>
  );
}
