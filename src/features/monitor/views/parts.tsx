// Pieces shared by the monitor's pages: a date as precise as it is known, the state badges.
import { formatPartialDate, type Locale, type Translate } from '../../../platform/i18n/index.ts';
import type { EventDate, MonitorEvent } from '../model.ts';
import { labelOf, type Vocabulary } from '../vocabulary.ts';

export function DateText({ d, locale }: { d: EventDate; locale: Locale }) {
  return <time datetime={d.date}>{formatPartialDate(locale, d.date)}</time>;
}

export function DateRange({ start, end, locale }: { start: EventDate; end: EventDate | null; locale: Locale }) {
  return end && end.date !== start.date ? (
    <>
      <DateText d={start} locale={locale} /> – <DateText d={end} locale={locale} />
    </>
  ) : (
    <DateText d={start} locale={locale} />
  );
}

export function StateBadges(props: { e: MonitorEvent; t: Translate; vocabulary: Vocabulary; locale: Locale }) {
  const { e, t } = props;
  return (
    <p class="badges">
      <span class={`badge verification-${e.verification.state}`}>
        {labelOf(props.vocabulary, 'verification', e.verification.state, props.locale)}
      </span>{' '}
      <span class={`badge publication-${e.publication.state}`}>{t(`monitor.publication.${e.publication.state}`)}</span>
    </p>
  );
}
