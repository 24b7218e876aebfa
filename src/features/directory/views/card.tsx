import { formatList, languageName, type Locale, type Translate } from '../../../platform/i18n/index.ts';
import { LocalizedP } from '../../../ui/components/localized.tsx';
import { CONTENT_LANG, isolate, type Mechanism } from '../schema.ts';

export function MechanismCard({ m, locale, t }: { m: Mechanism; locale: Locale; t: Translate }) {
  return (
    <li class="card">
      <h3 {...CONTENT_LANG}>
        <a href={`/${locale}/support/${m.id}`}>{m.name}</a>
      </h3>
      {m.operator && <p class="meta">{t('mechanism.runBy', { operator: isolate(m.operator) })}</p>}
      <LocalizedP text={m.summary} locale={locale} />
      {m.status !== 'active' && (
        <p class={`status status-${m.status}`}>
          <strong>{t(`mechanism.status.${m.status}`)}</strong>
        </p>
      )}
      <ul class="tags">
        {m.alwaysOn && <li class="on">{t('support.alwaysOn')}</li>}
        {m.responseHours !== undefined && <li>{t('support.responseHours', { hours: m.responseHours })}</li>}
        {m.kinds.map((k) => (
          <li>{t(`kind.${k}`)}</li>
        ))}
      </ul>
      {m.languages.length > 0 && (
        <p class="meta">
          {t('support.languages', {
            list: formatList(
              locale,
              m.languages.map((l) => languageName(locale, l)),
            ),
          })}
        </p>
      )}
    </li>
  );
}
