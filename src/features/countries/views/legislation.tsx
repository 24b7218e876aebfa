// The country page's "Legislation" section: the tracker's entries for the country (newest change first),
// with links to the full list and the country's Atom feed of stage changes.
import { formatPartialDate } from '../../../platform/i18n/index.ts';
import type { CountryProfile } from '../service.ts';
import type { Base } from './parts.tsx';

export function LegislationSection(p: Base & { profile: CountryProfile; name: string }) {
  const { t, locale, profile, name } = p;
  const iso = profile.iso2;
  return (
    <>
      <h2>{t('legislation.title')}</h2>
      {profile.legislation.length === 0 ? (
        <p>{t('countries.noLegislation', { country: name })}</p>
      ) : (
        <ul>
          {profile.legislation.map((e) => {
            const changed = e.history[e.history.length - 1]!.date;
            return (
              <li>
                <a href={`/${locale}/legislation/${e.id}`} lang="en">
                  {e.title.en}
                </a>{' '}
                — <strong>{t(`legislation.stage.${e.stage}`)}</strong> (
                <time datetime={changed}>{formatPartialDate(locale, changed)}</time>)
              </li>
            );
          })}
        </ul>
      )}
      <p>
        <a href={`/${locale}/legislation?country=${iso}`}>{t('legislation.allFor', { country: name })}</a> ·{' '}
        <a href={`/${locale}/legislation/${iso}.atom`}>{t('legislation.feed', { country: name })}</a>
      </p>
    </>
  );
}
