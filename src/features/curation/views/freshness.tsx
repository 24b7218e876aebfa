// The freshness queue: records checked longest ago first, each with its sources to check it against
// and one form per finding, so a check is one step (decision 0018).
import { formatDate, type Locale, type Translate } from '../../../platform/i18n/index.ts';
import { PostForm } from '../../../ui/components/form.tsx';
import type { ToCheck } from '../service.ts';

const MARKS = ['checked', 'paused', 'closed'] as const;

export function FreshnessPage({
  locale,
  csrf,
  t,
  queue,
}: {
  locale: Locale;
  csrf: string;
  t: Translate;
  queue: ToCheck[];
}) {
  return (
    <>
      <h1>{t('curate.freshness')}</h1>
      <p class="lead">{t('curate.freshness.lead')}</p>
      {queue.length === 0 ? (
        <p class="empty">{t('curate.freshness.empty')}</p>
      ) : (
        <ol class="results">
          {queue.map(({ record: r, stale }) => (
            <li class="card" id={`record-${r.id}`}>
              <h2 lang="en" dir="ltr">
                <a href={`/${locale}/support/${r.id}`}>{r.name}</a>
              </h2>
              <p class="meta">
                {t(`mechanism.status.${r.status}`)} ·{' '}
                {t('mechanism.verified', { date: formatDate(locale, r.verifiedAt) })}
              </p>
              {stale && <p class="notice stale">{t('mechanism.stale')}</p>}
              <h3>{t('mechanism.sources')}</h3>
              <ul>
                {r.source.map((s) => (
                  <li lang="en" dir="ltr">
                    {s.url ? (
                      <a href={s.url} rel="noreferrer noopener">
                        {s.title}
                      </a>
                    ) : (
                      s.title
                    )}
                  </li>
                ))}
              </ul>
              <div class="actions">
                {MARKS.map((mark) => (
                  <PostForm action={`/${locale}/curate/freshness/${r.id}`} csrf={csrf}>
                    <input type="hidden" name="mark" value={mark} />
                    <button class={mark === 'checked' ? 'button' : 'button secondary'} type="submit">
                      {t(`curate.freshness.${mark}`)}
                    </button>
                  </PostForm>
                ))}
              </div>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
