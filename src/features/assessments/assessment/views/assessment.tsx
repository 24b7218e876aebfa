// One assessment: its progress while open, its result, and what can be done with it; and the question
// asked before closing it with areas left unscored.
import { formatDate } from '../../../../platform/i18n/index.ts';
import { OrgTabs } from '../../../../ui/components/org-tabs.tsx';
import { PostForm } from '../../../../ui/components/form.tsx';
import { T } from '../../../../ui/components/localized.tsx';
import type { Domain, Instrument } from '../instrument.ts';
import type { Assessment } from '../service.ts';
import { ScoreTable, type Base } from './parts.tsx';

export function AssessmentPage(
  props: Base & {
    a: Assessment;
    instrument: Instrument;
    canAnswer: boolean;
    canClose: boolean;
    canPlan: boolean;
    csrf: string;
    notice?: string;
  },
) {
  const { locale, t, base, a, instrument } = props;
  const here = `${base}/assessments/${a.id}`;
  const open = a.status === 'open';
  return (
    <>
      <h1>{t('assess.of', { date: formatDate(locale, a.createdAt) })}</h1>
      <OrgTabs base={base} t={t} here="assessments" />
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      <p class="lead">
        {open ? t('assess.open.lead') : t('assess.status.closed', { date: formatDate(locale, a.closedAt!) })}
      </p>
      {open && (
        <ol class="domains">
          {instrument.domains.map((d) => {
            const s = a.scores.find((x) => x.domain === d.id)!;
            return (
              <li>
                {props.canAnswer ? (
                  <a href={`${here}/domains/${d.id}`}>
                    <T text={d.title} locale={locale} />
                  </a>
                ) : (
                  <T text={d.title} locale={locale} />
                )}{' '}
                <span class="hint">{t('assess.progress', { answered: s.answered, total: s.questions })}</span>
              </li>
            );
          })}
          <li>
            {props.canAnswer ? <a href={`${here}/context`}>{t('assess.context')}</a> : t('assess.context')}{' '}
            <span class="hint">
              {t('assess.context.count', { count: Object.values(a.context).filter(Boolean).length })}
            </span>
          </li>
        </ol>
      )}
      <h2>{open ? t('assess.resultSoFar') : t('assess.result')}</h2>
      <details class="formula">
        <summary>{t('assess.formula.title')}</summary>
        <p>{t('assess.formula.text')}</p>
      </details>
      <ScoreTable scores={a.scores} domains={instrument.domains} locale={locale} t={t} />
      <div class="actions">
        {open && props.canClose && (
          <PostForm action={`${here}/close`} csrf={props.csrf}>
            <button class="button" type="submit">
              {t('assess.close')}
            </button>
          </PostForm>
        )}
        {!open && props.canPlan && (
          <PostForm action={`${here}/plan`} csrf={props.csrf}>
            <button class="button" type="submit">
              {t('assess.plan')}
            </button>
          </PostForm>
        )}
        <a class="button secondary" href={`${here}/print`}>
          {t('assess.print')}
        </a>
        <a class="button secondary" href={`${here}/export.md`}>
          {t('assess.export.md')}
        </a>
        <a class="button secondary" href={`${here}/export.json`}>
          {t('assess.export.json')}
        </a>
      </div>
    </>
  );
}

/** Asked before closing with unscored areas: which ones, a way back to them, and "close anyway". */
export function CloseConfirmPage(props: Base & { id: string; domains: Domain[]; canAnswer: boolean; csrf: string }) {
  const { locale, t, domains } = props;
  const here = `${props.base}/assessments/${props.id}`;
  return (
    <>
      <h1>{t('assess.close.ask')}</h1>
      <p class="lead">{t('assess.close.missing', { count: domains.length })}</p>
      <ul>
        {domains.map((d) => (
          <li data-domain={d.id}>
            {props.canAnswer ? (
              <a href={`${here}/domains/${d.id}`}>
                <T text={d.title} locale={locale} />
              </a>
            ) : (
              <T text={d.title} locale={locale} />
            )}
          </li>
        ))}
      </ul>
      <p>{t('assess.close.fixed')}</p>
      <div class="actions">
        <PostForm action={`${here}/close`} csrf={props.csrf}>
          <input type="hidden" name="confirm" value="anyway" />
          <button class="button" type="submit">
            {t('assess.close.anyway')}
          </button>
        </PostForm>
        <a class="button secondary" href={here}>
          {t('assess.back')}
        </a>
      </div>
    </>
  );
}
