// One directory record in the offline edition. The file carries 100+ records and every triage flow in
// one language within 300 KB (decision 0019), so a card holds what a person cut off needs to act: the
// lead of the summary and of how to reach it (first whole sentences), every contact, who runs it, its kinds
// and when it was last checked (as YYYY-MM-DD). The full texts are on the record's page online. The
// filter attributes have one-letter names (data-k kinds, data-r regions, data-l languages, data-a 24/7).
import {
  countryName,
  sortCountries,
  formatList,
  languageName,
  type Locale,
  type Translate,
} from '../../../platform/i18n/index.ts';
import { pick, type Localized } from '../../../platform/i18n/localized.ts';
import { langOf } from '../../../ui/components/localized.tsx';
import { CONTENT_LANG, isolate, type Mechanism } from '../../directory/service.ts';

/** Longest lead kept, in characters; a first sentence longer than this is kept whole. */
export const LEAD_CHARS = 180;
/** "How to reach" keeps its first steps: whole sentences up to this many characters. */
export const REACH_CHARS = 200;

/** The first whole sentences of a text, as many as fit in `max` characters (always the first). */
export function leadOf(text: string, max = LEAD_CHARS): string {
  // A sentence ends at its mark and any closing quotes (French sets a space before »).
  const sentences = text.match(/[^.!?؟。]+(?:[.!?؟。]+(?:[\s\u202f\u00a0]?["»”)])*|$)\s*/gu) ?? [text];
  let lead = sentences[0]!;
  for (const s of sentences.slice(1)) {
    if ((lead + s).trimEnd().length > max) break;
    lead += s;
  }
  return lead.trim();
}

/** A paragraph of curated text; it names its language only when it is not the page's own. */
function Para({ text, locale, max }: { text: Localized; locale: Locale; max: number }) {
  const p = pick(text, locale);
  const body = leadOf(p.text, max);
  return p.fallback ? <p {...langOf(p.lang)}>{body}</p> : <p>{body}</p>;
}

export function MechanismEntry({ m, locale, t }: { m: Mechanism; locale: Locale; t: Translate }) {
  const names = (values: string[], prefix: string) =>
    formatList(
      locale,
      values.map((v) => t(`${prefix}.${v}`)),
    );
  const contacts: [string, string | undefined][] = [
    ['website', m.contact.website],
    ['email', m.contact.email],
    ['phone', m.contact.phone],
    ['signal', m.contact.signal],
  ];
  return (
    <article
      class="mechanism card"
      id={`m-${m.id}`}
      data-k={m.kinds.join(' ')}
      data-r={m.regions.join(' ')}
      data-l={m.languages.length > 0 ? m.languages.join(' ') : undefined}
      data-a={m.alwaysOn ? '1' : undefined}
    >
      <h3 {...CONTENT_LANG}>{m.name}</h3>
      <Para text={m.summary} locale={locale} max={LEAD_CHARS} />
      <ul class="contact-list">
        {contacts
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <li>
              {t(`mechanism.${label}`)}: <bdi dir="ltr">{value}</bdi>
            </li>
          ))}
      </ul>
      {m.howToReach && <Para text={m.howToReach} locale={locale} max={REACH_CHARS} />}
      <p class="meta">
        {m.operator && !m.name.includes(m.operator) ? `${isolate(m.operator)} · ` : ''}
        {names(m.kinds, 'kind')}
        {m.alwaysOn ? ` · ${t('support.alwaysOn')}` : ''}
        {m.responseHours !== undefined ? ` · ${t('support.responseHours', { hours: m.responseHours })}` : ''}
        {m.languages.length > 0
          ? ` · ${formatList(
              locale,
              m.languages.map((l) => languageName(locale, l)),
            )}`
          : ''}
        {m.countries.length > 0
          ? ` · ${formatList(
              locale,
              sortCountries(locale, m.countries).map((c) => countryName(locale, c)),
            )}`
          : ''}
        {` · ${t('offline.checked', { date: m.verifiedAt })}`}
      </p>
    </article>
  );
}
