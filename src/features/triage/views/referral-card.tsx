// One referral of an outcome: what the mechanism is, why it is listed, when it was last checked and how
// to reach it.
import { countryName, formatList, languageName } from '../../../platform/i18n/index.ts';
import { Freshness } from '../../../ui/components/freshness.tsx';
import { LocalizedP } from '../../../ui/components/localized.tsx';
import type { Ranked, Reason } from '../ranking.ts';
import type { StepContext } from './step.tsx';

function reasonText(r: Reason, c: StepContext): string {
  const list = (items: string[], prefix: string) =>
    formatList(
      c.locale,
      items.map((v) => c.t(`${prefix}.${v}`)),
    );
  switch (r.fact) {
    case 'kind':
      return c.t('triage.reason.kind', { kinds: list(r.kinds, 'kind') });
    case 'serves':
      return c.t('triage.reason.serves', { audience: c.t(`serves.${r.audience}`) });
    case 'language':
      return c.t('triage.reason.language', { language: languageName(c.locale, r.language) });
    case 'alwaysOn':
      return c.t('triage.reason.alwaysOn');
    case 'responseHours':
      return c.t('triage.reason.responseHours', { hours: r.hours });
    case 'country':
      return c.t('triage.reason.country', { country: countryName(c.locale, r.country) });
    case 'region':
      return c.t('triage.reason.region', { region: c.t(`region.${r.region}`) });
    case 'global':
      return c.t('triage.reason.global');
    case 'theme':
      return c.t('triage.reason.theme', { themes: list(r.themes, 'theme') });
    case 'onlyIn':
      return c.t('triage.reason.onlyIn', {
        places: formatList(c.locale, [
          ...r.regions.map((v) => c.t(`region.${v}`)),
          ...r.countries.map((v) => countryName(c.locale, v)),
        ]),
      });
  }
}

/** The ways to reach a mechanism its record gives: website, and email, phone or Signal when it has them. */
function Contacts({ m, c }: { m: Ranked['mechanism']; c: StepContext }) {
  const { website, email, phone, signal } = m.contact;
  return (
    <ul class="contact-list">
      <li>
        {c.t('mechanism.website')}:{' '}
        <a class="ltr" href={website} rel="noreferrer noopener">
          {website}
        </a>
      </li>
      {email && (
        <li>
          {c.t('mechanism.email')}:{' '}
          <a class="ltr" href={`mailto:${email}`}>
            {email}
          </a>
        </li>
      )}
      {phone && (
        <li>
          {c.t('mechanism.phone')}:{' '}
          <a class="ltr" href={`tel:${phone.replace(/ /g, '')}`}>
            {phone}
          </a>
        </li>
      )}
      {signal && (
        <li>
          {c.t('mechanism.signal')}: <span class="ltr">{signal}</span>
        </li>
      )}
    </ul>
  );
}

export function ReferralCard({ r, c }: { r: Ranked; c: StepContext }) {
  return (
    <li class="card">
      <h3 lang="en" dir="ltr">
        <a href={`/${c.locale}/support/${r.mechanism.id}`}>{r.mechanism.name}</a>
      </h3>
      {r.mechanism.operator && (
        <p class="meta" lang="en" dir="ltr">
          {r.mechanism.operator}
        </p>
      )}
      <Freshness record={r.mechanism} stale={r.stale} locale={c.locale} t={c.t} />
      <LocalizedP text={r.mechanism.summary} locale={c.locale} />
      <p class="why">
        {c.t('triage.outcome.why', {
          reasons: formatList(
            c.locale,
            r.reasons.map((x) => reasonText(x, c)),
          ),
        })}
      </p>
      {r.mechanism.eligibility?.pays && (
        <p class="pays">
          {c.t('triage.outcome.pays', {
            items: formatList(
              c.locale,
              r.mechanism.eligibility.pays.map((p) => c.t(`pays.${p}`)),
            ),
          })}
        </p>
      )}
      <Contacts m={r.mechanism} c={c} />
    </li>
  );
}
