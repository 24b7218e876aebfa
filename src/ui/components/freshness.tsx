// When a directory record was last checked, and what was found: shown on its page and on every
// referral card (decision 0018). A closed or paused record says so first; a check over a year old is
// flagged so nobody relies on details that may have changed.
import { formatDate, type Locale, type Translate } from '../../platform/i18n/index.ts';

export interface FreshnessProps {
  record: { verifiedAt: string; status: 'active' | 'paused' | 'closed' | 'unknown' };
  stale: boolean;
  locale: Locale;
  t: Translate;
}

export function Freshness({ record, stale, locale, t }: FreshnessProps) {
  const checked = t('mechanism.verified', { date: formatDate(locale, record.verifiedAt) });
  return (
    <div class="freshness">
      {record.status !== 'active' && (
        <p class={`status status-${record.status}`}>
          <strong>{t(`mechanism.status.${record.status}`)}</strong>
        </p>
      )}
      <p class="meta">{checked}</p>
      {stale && <p class="notice stale">{t('mechanism.stale')}</p>}
    </div>
  );
}
