import type { Locale, Translate } from '../../../platform/i18n/index.ts';
import { CONTENT_LANG, type Mechanism } from '../../directory/service.ts';

export function HomePage({ urgent, locale, t }: { urgent: Mechanism[]; locale: Locale; t: Translate }) {
  return (
    <>
      <h1>{t('home.title')}</h1>
      <p class="lead">{t('home.lead')}</p>
      <p class="cta">
        <a class="button" href={`/${locale}/help`}>
          {t('nav.help')}
        </a>{' '}
        <a class="button secondary" href={`/${locale}/support`}>
          {t('home.findCta')}
        </a>
      </p>
      {urgent.length > 0 && (
        <section aria-labelledby="urgent">
          <h2 id="urgent">{t('home.urgentTitle')}</h2>
          <p>{t('home.urgentText')}</p>
          <ul>
            {urgent.map((m) => (
              <li>
                <span {...CONTENT_LANG}>
                  <a href={`/${locale}/support/${m.id}`}>{m.name}</a>
                  {m.operator && ` (${m.operator})`}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="offline">
        <h2 id="offline">{t('offline.download')}</h2>
        <p>{t('offline.downloadHelp')}</p>
        <p>
          <a class="button secondary" href={`/${locale}/offline`} download={`amparo-${locale}.html`}>
            {t('offline.download')}
          </a>
        </p>
      </section>
      <p>
        <a href={`/${locale}/support/suggest`}>{t('home.suggestCta')}</a>
      </p>
    </>
  );
}
