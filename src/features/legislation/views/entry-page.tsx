// /{locale}/legislation/{id}: one law or bill, its summary, its history as a timeline and its sources.
import { countryName, formatPartialDate } from '../../../platform/i18n/index.ts';
import type { Legislation } from '../service.ts';
import { Coverage, effectLabel, kindLabel, stageLabel, Summary, type Base } from './parts.tsx';

export function LegislationEntryPage(p: Base & { entry: Legislation; canEdit: boolean }) {
  const { t, locale, entry } = p;
  const country = countryName(locale, entry.country);
  const sourceTitle = (url: string) => entry.sources.find((s) => s.url === url)?.title ?? url;
  return (
    <>
      <h1 lang="en">{entry.title.en}</h1>
      <p lang={entry.title.lang}>{entry.title.original}</p>
      {p.canEdit && (
        <p>
          <a href={`/${locale}/curate/legislation/${entry.id}`}>{t('legislation.edit.link')}</a>
        </p>
      )}
      <dl>
        <dt>{t('legislation.country')}</dt>
        <dd>
          <a href={`/${locale}/countries/${entry.country}`}>{country}</a>
        </dd>
        <dt>{t('legislation.filter.kind')}</dt>
        <dd>{kindLabel(t, entry.kind)}</dd>
        <dt>{t('legislation.effect')}</dt>
        <dd>{effectLabel(t, entry.effect)}</dd>
        <dt>{t('legislation.stage')}</dt>
        <dd>
          <strong>{stageLabel(t, entry.stage)}</strong>
        </dd>
      </dl>
      <h2>{t('legislation.summary')}</h2>
      <Summary {...p} />
      <Coverage {...p} />
      <h2>{t('legislation.history')}</h2>
      <ol class="timeline">
        {entry.history.map((step) => (
          <li>
            <time datetime={step.date}>{formatPartialDate(locale, step.date)}</time>:{' '}
            <strong>{stageLabel(t, step.stage)}</strong> (
            <a href={step.source} rel="external noopener">
              {t('legislation.source')}
            </a>
            <span class="visually-hidden">: {sourceTitle(step.source)}</span>)
          </li>
        ))}
      </ol>
      <h2>{t('legislation.sources')}</h2>
      <ul>
        {entry.sources.map((s) => (
          <li>
            <a href={s.url} rel="external noopener">
              {s.title}
            </a>
          </li>
        ))}
      </ul>
      <p>
        <a href={`/${locale}/legislation/${entry.country}.atom`}>{t('legislation.feed', { country })}</a> ·{' '}
        <a href={`/${locale}/legislation?country=${entry.country}`}>{t('legislation.allFor', { country })}</a>
      </p>
    </>
  );
}
