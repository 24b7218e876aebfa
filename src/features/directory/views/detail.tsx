import {
  countryName,
  sortCountries,
  formatList,
  languageName,
  type Locale,
  type Translate,
} from '../../../platform/i18n/index.ts';
import { Freshness } from '../../../ui/components/freshness.tsx';
import { LocalizedP } from '../../../ui/components/localized.tsx';
import { CONTENT_LANG, isolate, type Mechanism } from '../schema.ts';

export function MechanismDetail({
  m,
  similar,
  stale,
  ask,
  locale,
  t,
}: {
  m: Mechanism;
  similar: Mechanism[];
  /** The helpline on this server that this record describes, when it is on. */
  ask: { id: string; name: string } | null;
  /** Unchecked for over a year (decision 0018). */
  stale: boolean;
  locale: Locale;
  t: Translate;
}) {
  const list = (items: string[]) => formatList(locale, items);
  const ext = { rel: 'noreferrer noopener' };
  return (
    <article>
      <p>
        <a href={`/${locale}/support`}>{t('mechanism.back')}</a>
      </p>
      <h1 {...CONTENT_LANG}>{m.name}</h1>
      {m.operator && <p class="lead">{t('mechanism.runBy', { operator: isolate(m.operator) })}</p>}
      <Freshness record={m} stale={stale} locale={locale} t={t} />
      <LocalizedP text={m.summary} locale={locale} />
      {ask && (
        <p>
          <a class="button" href={`/${locale}/helplines/${ask.id}`}>
            {t('mechanism.askHere')}
          </a>
        </p>
      )}

      <h2>{t('mechanism.contact')}</h2>
      <ul class="contact-list">
        <li>
          {t('mechanism.website')}:{' '}
          <a class="ltr" href={m.contact.website} {...ext}>
            {m.contact.website}
          </a>
        </li>
        {m.contact.form && (
          <li>
            {t('mechanism.form')}:{' '}
            <a class="ltr" href={m.contact.form} {...ext}>
              {m.contact.form}
            </a>
          </li>
        )}
        {m.contact.email && (
          <li>
            {t('mechanism.email')}:{' '}
            <a class="ltr" href={`mailto:${m.contact.email}`}>
              {m.contact.email}
            </a>
          </li>
        )}
        {m.contact.phone && (
          <li>
            {t('mechanism.phone')}:{' '}
            <a class="ltr" href={`tel:${m.contact.phone.replace(/ /g, '')}`}>
              {m.contact.phone}
            </a>
          </li>
        )}
        {m.contact.signal && (
          <li>
            {t('mechanism.signal')}: <span class="ltr">{m.contact.signal}</span>
          </li>
        )}
      </ul>
      {m.howToReach && (
        <>
          <h3>{t('mechanism.howToReach')}</h3>
          <LocalizedP text={m.howToReach} locale={locale} />
        </>
      )}
      <p class="notice">{t('mechanism.checkContact')}</p>

      <h2>{t('mechanism.facts')}</h2>
      <dl class="facts">
        <dt>{t('mechanism.kinds')}</dt>
        <dd>{list(m.kinds.map((k) => t(`kind.${k}`)))}</dd>
        <dt>{t('mechanism.serves')}</dt>
        <dd>{list(m.serves.map((s) => t(`serves.${s}`)))}</dd>
        {m.themes.length > 0 && (
          <>
            <dt>{t('mechanism.themes')}</dt>
            <dd>{list(m.themes.map((s) => t(`theme.${s}`)))}</dd>
          </>
        )}
        <dt>{t('mechanism.regions')}</dt>
        <dd>{list(m.regions.map((s) => t(`region.${s}`)))}</dd>
        {m.countries.length > 0 && (
          <>
            <dt>{t('mechanism.countries')}</dt>
            <dd>{list(sortCountries(locale, m.countries).map((c) => countryName(locale, c)))}</dd>
          </>
        )}
        {m.languages.length > 0 && (
          <>
            <dt>{t('mechanism.languages')}</dt>
            <dd>{list(m.languages.map((l) => languageName(locale, l)))}</dd>
          </>
        )}
        {(m.alwaysOn || m.responseHours !== undefined || m.free) && (
          <>
            <dt>{t('mechanism.availability')}</dt>
            <dd>
              {list([
                ...(m.alwaysOn ? [t('mechanism.alwaysOn')] : []),
                ...(m.responseHours !== undefined ? [t('mechanism.responseHours', { hours: m.responseHours })] : []),
                ...(m.free ? [t('mechanism.free')] : []),
              ])}
            </dd>
          </>
        )}
      </dl>

      <h2>{t('mechanism.sources')}</h2>
      <ul>
        {m.source.map((s) => (
          <li>
            <span {...CONTENT_LANG}>
              {s.url ? (
                <a href={s.url} {...ext}>
                  {s.title}
                </a>
              ) : (
                s.title
              )}
            </span>
          </li>
        ))}
      </ul>

      <h2>{t('mechanism.similar')}</h2>
      {similar.length === 0 ? (
        <p>{t('mechanism.noSimilar')}</p>
      ) : (
        <ul>
          {similar.map((s) => (
            <li>
              <span {...CONTENT_LANG}>
                <a href={`/${locale}/support/${s.id}`}>{s.name}</a>
                {s.operator && ` (${s.operator})`}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={`/${locale}/support/suggest?kind=correction&mechanism=${m.id}`}>{t('mechanism.correct')}</a>
      </p>
    </article>
  );
}
