// Two assessments side by side, domain by domain; and the print view (plain HTML, print CSS).
import { formatDate } from '../../../../platform/i18n/index.ts';
import { pick } from '../../../../platform/i18n/localized.ts';
import { T } from '../../../../ui/components/localized.tsx';
import type { Domain, Instrument } from '../instrument.ts';
import type { Assessment, Comparison } from '../service.ts';
import { n } from '../../format.ts';
import { Arithmetic, Badge, ScoreTable, type Base } from './parts.tsx';
import { OrgTabs } from '../../../../ui/components/org-tabs.tsx';

export function ComparePage({ locale, t, base, cmp, domains }: Base & { cmp: Comparison; domains: Domain[] }) {
  return (
    <>
      <h1>{t('assess.compare')}</h1>
      <OrgTabs base={base} t={t} here="assessments" />
      <table class="compare stack">
        <thead>
          <tr>
            <th scope="col">{t('assess.domain')}</th>
            <th scope="col">
              <a href={`${base}/assessments/${cmp.a.id}`}>{formatDate(locale, cmp.a.createdAt)}</a>
            </th>
            <th scope="col">
              <a href={`${base}/assessments/${cmp.b.id}`}>{formatDate(locale, cmp.b.createdAt)}</a>
            </th>
            <th scope="col">{t('assess.change')}</th>
          </tr>
        </thead>
        <tbody>
          {cmp.rows.map((r) => {
            const domain = domains.find((d) => d.id === r.domain)!;
            const trend =
              r.change === null
                ? t('assess.change.none')
                : r.change > 0
                  ? t('assess.change.up', { by: n(locale, r.change) })
                  : r.change < 0
                    ? t('assess.change.down', { by: n(locale, -r.change) })
                    : t('assess.change.same');
            return (
              <tr>
                <th scope="row">
                  <T text={domain.title} locale={locale} />
                </th>
                <td>
                  <Badge score={r.before} t={t} /> {r.before.risk !== null && n(locale, r.before.risk)}
                </td>
                <td>
                  <Badge score={r.after} t={t} /> {r.after.risk !== null && n(locale, r.after.risk)}
                </td>
                <td
                  class={
                    r.change !== null && r.change > 0 ? 'worse' : r.change !== null && r.change < 0 ? 'better' : ''
                  }
                >
                  {trend}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

export function PrintPage({
  locale,
  t,
  base,
  a,
  instrument,
  orgName,
}: Base & { a: Assessment; instrument: Instrument; orgName: string }) {
  const answer = (id: string) => a.answers[id];
  return (
    <article class="print">
      <p class="no-print">
        <a href={`${base}/assessments/${a.id}`}>{t('assess.back')}</a>
      </p>
      <h1>
        {t('assess.title')}: {orgName}
      </h1>
      <p>
        {t('assess.of', { date: formatDate(locale, a.createdAt) })} ·{' '}
        {a.status === 'open'
          ? t('assess.status.open')
          : t('assess.status.closed', { date: formatDate(locale, a.closedAt!) })}
      </p>
      <p class="hint">{t('assess.print.warning')}</p>
      <h2>{t('assess.result')}</h2>
      <p>{t('assess.formula.text')}</p>
      <ScoreTable scores={a.scores} domains={instrument.domains} locale={locale} t={t} />
      {instrument.domains.map((d) => {
        const s = a.scores.find((x) => x.domain === d.id)!;
        return (
          <section class="print-domain">
            <h2>
              <T text={d.title} locale={locale} /> <Badge score={s} t={t} />
            </h2>
            <Arithmetic score={s} domain={d} locale={locale} t={t} />
            <ul>
              {d.threats.map((q) => {
                const ans = answer(q.id);
                const v =
                  ans && 'likelihood' in ans
                    ? `${t('assess.likelihood')} ${ans.likelihood ?? '–'}, ${t('assess.impact')} ${ans.impact ?? '–'}`
                    : t('assess.skipped');
                return (
                  <li>
                    <T text={q.text} locale={locale} />: {v}
                  </li>
                );
              })}
              {[...d.vulnerabilities, ...d.capacities].map((q) => {
                const ans = answer(q.id);
                const level = ans && 'level' in ans ? ans.level : undefined;
                return (
                  <li>
                    {pick(q.text, locale).text}:{' '}
                    {level === undefined
                      ? t('assess.skipped')
                      : `${level} · ${pick(q.levels[String(level)]!, locale).text.split(' — ')[0]}`}
                  </li>
                );
              })}
            </ul>
            {a.notes[d.id] && (
              <p class="prewrap">
                <strong>{t('assess.note')}:</strong> {a.notes[d.id]}
              </p>
            )}
          </section>
        );
      })}
      <section>
        <h2>{t('assess.context')}</h2>
        {instrument.context.map((q) => (
          <>
            <h3>
              <T text={q.text} locale={locale} />
            </h3>
            <p class="prewrap">{a.context[q.id] || t('assess.skipped')}</p>
          </>
        ))}
      </section>
    </article>
  );
}
