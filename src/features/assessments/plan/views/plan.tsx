// The action plan: progress at a glance, overdue actions first and marked, each with why it was
// proposed, the services that help, and a small form for owner, due date, status and notes.
import type { Problems } from '../../../../platform/errors.ts';
import { formatDate, type Locale, type Translate } from '../../../../platform/i18n/index.ts';
import { ErrorSummary, PostForm, Problem } from '../../../../ui/components/form.tsx';
import { pick } from '../../../../platform/i18n/localized.ts';
import { T } from '../../../../ui/components/localized.tsx';
import type { Domain, RecommendedAction } from '../../assessment/service.ts';
import { STATUSES } from '../input.ts';
import type { PlanAction } from '../service.ts';
import { n } from '../../format.ts';
import { OrgTabs } from '../../../../ui/components/org-tabs.tsx';

interface Props {
  locale: Locale;
  t: Translate;
  base: string;
  csrf: string;
  actions: PlanAction[];
  catalog: Map<string, RecommendedAction>;
  domains: Domain[];
  members: { id: string; name: string }[];
  mechanismNames: Map<string, string>;
  canEdit: boolean;
  notice?: string;
  problems: { id: string; problems: Problems } | null;
}

export function PlanPage(p: Props) {
  const { t } = p;
  const count = (s: string) => p.actions.filter((a) => a.status === s).length;
  const overdue = p.actions.filter((a) => a.overdue);
  const open = p.actions.filter((a) => a.status !== 'dropped');
  const ordered = [...p.actions].sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || Number(a.status === 'done') - Number(b.status === 'done'),
  );
  return (
    <>
      <h1>{t('plan.title')}</h1>
      <OrgTabs base={p.base} t={t} here="plan" />
      {p.notice && (
        <p class="notice" role="status">
          {p.notice}
        </p>
      )}
      {p.actions.length === 0 ? (
        <p class="lead">{t('plan.empty')}</p>
      ) : (
        <section aria-labelledby="progress" class="progress">
          <h2 id="progress">{t('plan.progress')}</h2>
          <p>
            <progress max={open.length} value={count('done')} aria-labelledby="progress-text" />{' '}
            <span id="progress-text">{t('plan.progress.text', { done: count('done'), total: open.length })}</span>
          </p>
          <ul class="inline-list">
            {STATUSES.map((s) => (
              <li>
                {t(`plan.status.${s}`)}: <strong>{count(s)}</strong>
              </li>
            ))}
            <li class={overdue.length ? 'overdue' : ''}>
              {t('plan.overdue')}: <strong>{overdue.length}</strong>
            </li>
          </ul>
        </section>
      )}
      {ordered.map((a) => (
        <ActionCard {...p} a={a} />
      ))}
      {p.actions.length > 0 && (
        <p class="actions">
          <a class="button secondary" href={`${p.base}/plan/export.md`}>
            {t('assess.export.md')}
          </a>
          <a class="button secondary" href={`${p.base}/plan/export.json`}>
            {t('assess.export.json')}
          </a>
        </p>
      )}
    </>
  );
}

function ActionCard(p: Props & { a: PlanAction }) {
  const { locale, t, a } = p;
  const action = p.catalog.get(a.actionId);
  const domain = p.domains.find((d) => d.id === a.reason.domain);
  const problems = p.problems?.id === a.id ? p.problems.problems : {};
  const id = (f: string) => `${f}-${a.id}`;
  return (
    <article
      class={`card action status-${a.status}${a.overdue ? ' is-overdue' : ''}`}
      aria-labelledby={id('title')}
      id={`action-${a.id}`}
    >
      <h2 id={id('title')}>{action ? <T text={action.title} locale={locale} /> : a.actionId}</h2>
      {a.overdue && (
        <p class="overdue-flag">
          <strong>{t('plan.overdueSince', { date: formatDate(locale, a.dueOn!) })}</strong>
        </p>
      )}
      <p class="meta">
        {t('plan.why', {
          domain: domain ? pick(domain.title, locale).text : a.reason.domain,
          band: t(`assess.band.${a.reason.band}`),
          risk: n(locale, a.reason.risk),
        })}
      </p>
      {action && (
        <p>
          <T text={action.why} locale={locale} />
        </p>
      )}
      {action && action.mechanisms.length > 0 && (
        <p>
          {t('plan.helps')}{' '}
          {action.mechanisms.map((m, i) => (
            <>
              {i > 0 && ', '}
              <a href={`/${locale}/support/${m}`} lang="en" dir="auto">
                {p.mechanismNames.get(m) ?? m}
              </a>
            </>
          ))}
        </p>
      )}
      {p.canEdit ? (
        <PostForm action={`${p.base}/plan/actions/${a.id}`} csrf={p.csrf} class="action-form">
          <ErrorSummary problems={problems} t={t} />
          <div class="field">
            <label for={id('status')}>{t('plan.status')}</label>
            <select id={id('status')} name="status">
              {STATUSES.map((s) => (
                <option value={s} selected={a.status === s}>
                  {t(`plan.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for={id('owner')}>{t('plan.owner')}</label>
            <Problem name="owner" problems={problems} t={t} />
            <select id={id('owner')} name="owner">
              <option value="">{t('plan.owner.none')}</option>
              {p.members.map((m) => (
                <option value={m.id} selected={a.ownerId === m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for={id('due')}>{t('plan.due')}</label>
            <Problem name="due" problems={problems} t={t} />
            <input type="date" id={id('due')} name="due" value={a.dueOn ?? ''} />
          </div>
          <div class="field">
            <label for={id('notes')}>{t('plan.notes')}</label>
            <textarea id={id('notes')} name="notes" rows={2} maxlength={2000}>
              {a.notes}
            </textarea>
          </div>
          <p>
            <button class="button secondary" type="submit">
              {t('plan.save')}
            </button>
          </p>
        </PostForm>
      ) : (
        <p>
          {t(`plan.status.${a.status}`)}
          {a.dueOn && ` · ${t('plan.due')} ${formatDate(locale, a.dueOn)}`}
        </p>
      )}
    </article>
  );
}
