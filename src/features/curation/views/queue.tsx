// The curator's queue of suggestions: approve (completing the record), merge into a record, or reject.
import { direction, languageName, type Locale, type Translate } from '../../../platform/i18n/index.ts';
import { Choices, PostForm } from '../../../ui/components/form.tsx';
import { KINDS, REGIONS, SERVES } from '../../directory/service.ts';
import type { Suggestion } from '../../suggestions/service.ts';

interface Props {
  locale: Locale;
  csrf: string;
  t: Translate;
}

export function QueuePage({
  locale,
  csrf,
  t,
  suggestions,
  mechanisms,
  problem,
}: Props & {
  suggestions: Suggestion[];
  mechanisms: { id: string; name: string }[];
  problem?: { id: string; text: string };
}) {
  const base = `/${locale}/curate`;
  return (
    <>
      <h1>{t('curate.title')}</h1>
      <p>
        <a href={`${base}/directory`}>{t('curate.directory')}</a> ·{' '}
        <a href={`${base}/freshness`}>{t('curate.freshness')}</a>
      </p>
      <h2>{t('curate.queue', { count: suggestions.length })}</h2>
      {suggestions.length === 0 && <p>{t('curate.empty')}</p>}
      {suggestions.map((s) => (
        <article class="card" aria-labelledby={`s-${s.id}`}>
          <h3 id={`s-${s.id}`}>
            {s.kind === 'new' ? s.payload.name : t('curate.correctionOf', { id: s.mechanismId ?? '' })}{' '}
            <small>({s.id})</small>
          </h3>
          {problem?.id === s.id && (
            <p class="error-text" role="alert">
              {problem.text}
            </p>
          )}
          <dl>
            {s.payload.operator && (
              <>
                <dt>{t('suggest.operator')}</dt>
                <dd>{s.payload.operator}</dd>
              </>
            )}
            {s.payload.website && (
              <>
                <dt>{t('suggest.website')}</dt>
                <dd dir="ltr">{s.payload.website}</dd>
              </>
            )}
            <dt>{t('suggest.details')}</dt>
            <dd class="prewrap" lang={s.payload.locale ?? 'en'} dir={direction(s.payload.locale ?? 'en')}>
              {s.payload.details}
            </dd>
            {s.payload.contact && (
              <>
                <dt>{t('suggest.contact')}</dt>
                <dd dir="ltr">{s.payload.contact}</dd>
              </>
            )}
          </dl>
          <div class="actions">
            <PostForm action={`${base}/suggestions/${s.id}/approve`} csrf={csrf} class="approve">
              {s.kind === 'new' && (
                <details>
                  <summary>{t('curate.complete')}</summary>
                  <Choices
                    name="kinds"
                    legend={t('suggest.kinds')}
                    options={KINDS}
                    chosen={s.payload.kinds}
                    label={(o) => t(`kind.${o}`)}
                  />
                  <Choices
                    name="serves"
                    legend={t('facet.serves')}
                    options={SERVES}
                    chosen={s.payload.serves}
                    label={(o) => t(`serves.${o}`)}
                  />
                  <Choices
                    name="regions"
                    legend={t('facet.regions')}
                    options={REGIONS}
                    chosen={s.payload.regions}
                    label={(o) => t(`region.${o}`)}
                  />
                </details>
              )}
              {s.kind === 'new' && (s.payload.locale ?? 'en') !== 'en' && (
                <div class="field">
                  <label for={`summary-en-${s.id}`}>
                    {t('curate.summaryEn', { language: languageName(locale, s.payload.locale!) })}
                  </label>
                  <textarea
                    id={`summary-en-${s.id}`}
                    name="summaryEn"
                    rows={4}
                    maxlength={700}
                    lang="en"
                    dir="ltr"
                  ></textarea>
                </div>
              )}
              <button class="button" type="submit">
                {t('curate.approve')}
              </button>
            </PostForm>
            <PostForm action={`${base}/suggestions/${s.id}/merge`} csrf={csrf} class="inline">
              <label for={`merge-${s.id}`}>{t('curate.mergeInto')}</label>
              <select id={`merge-${s.id}`} name="mechanism">
                <option value="">{t('curate.chooseRecord')}</option>
                {mechanisms.map((m) => (
                  <option value={m.id} selected={m.id === s.mechanismId}>
                    {m.name}
                  </option>
                ))}
              </select>
              <button class="button secondary" type="submit">
                {t('curate.merge')}
              </button>
            </PostForm>
            <PostForm action={`${base}/suggestions/${s.id}/reject`} csrf={csrf} class="inline">
              <label for={`reason-${s.id}`}>{t('curate.reason')}</label>
              <input id={`reason-${s.id}`} name="reason" maxlength={500} />
              <button class="button secondary" type="submit">
                {t('curate.reject')}
              </button>
            </PostForm>
          </div>
        </article>
      ))}
    </>
  );
}
