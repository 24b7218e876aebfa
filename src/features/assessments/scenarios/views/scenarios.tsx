// What-if cards: the library with what each card holds, the organisation's adopted plans, and the
// editor where a card becomes the organisation's own, with a person for each task.
import type { Problems } from '../../../../platform/errors.ts';
import { formatDate, type Locale, type Translate } from '../../../../platform/i18n/index.ts';
import { ErrorSummary, PostForm, Problem } from '../../../../ui/components/form.tsx';
import { T } from '../../../../ui/components/localized.tsx';
import type { Scenario } from '../../assessment/service.ts';
import type { AdoptedScenario, ScenarioPlan } from '../service.ts';
import { OrgTabs } from '../../../../ui/components/org-tabs.tsx';

interface Base {
  locale: Locale;
  t: Translate;
  base: string;
  csrf: string;
}

function Contacts({ card, locale, names }: { card: Scenario; locale: Locale; names: Map<string, string> }) {
  return (
    <>
      {card.contacts.mechanisms.map((m, i) => (
        <>
          {i > 0 && ', '}
          <a href={`/${locale}/support/${m}`} lang="en" dir="auto">
            {names.get(m) ?? m}
          </a>
        </>
      ))}
    </>
  );
}

export function ScenarioLibraryPage({
  locale,
  t,
  base,
  csrf,
  cards,
  adopted,
  canEdit,
  names,
}: Base & { cards: Scenario[]; adopted: AdoptedScenario[]; canEdit: boolean; names: Map<string, string> }) {
  const mine = new Map(adopted.map((a) => [a.card.id, a]));
  return (
    <>
      <h1>{t('scen.title')}</h1>
      <OrgTabs base={base} t={t} here="scenarios" />
      <p class="lead">{t('scen.lead')}</p>
      {cards.map((card) => {
        const own = mine.get(card.id);
        return (
          <article class="card" aria-labelledby={`card-${card.id}`}>
            <h2 id={`card-${card.id}`}>
              <T text={card.title} locale={locale} />
            </h2>
            <p>
              <T text={card.summary} locale={locale} />
            </p>
            <details>
              <summary>{t('scen.signs')}</summary>
              <ul>
                {card.signs.map((s) => (
                  <li>
                    <T text={s} locale={locale} />
                  </li>
                ))}
              </ul>
            </details>
            <p>
              {t('scen.whom')} <Contacts card={card} locale={locale} names={names} />
            </p>
            {own ? (
              <p>
                <a class="button secondary" href={`${base}/scenarios/${own.id}`}>
                  {t('scen.open')}
                </a>{' '}
                <span class="hint">{t('scen.updated', { date: formatDate(locale, own.updatedAt) })}</span>
              </p>
            ) : canEdit ? (
              <PostForm action={`${base}/scenarios`} csrf={csrf}>
                <input type="hidden" name="card" value={card.id} />
                <button class="button" type="submit">
                  {t('scen.adopt')}
                </button>
              </PostForm>
            ) : null}
          </article>
        );
      })}
    </>
  );
}

const EXTRA_ROLES = 2;

export function ScenarioEditPage(
  p: Base & {
    adopted: AdoptedScenario;
    members: { id: string; name: string }[];
    values: ScenarioPlan;
    problems: Problems;
    canEdit: boolean;
    names: Map<string, string>;
    notice?: string;
  },
) {
  const { locale, t, adopted, values, problems } = p;
  const roles = [...values.roles, ...Array.from({ length: EXTRA_ROLES }, () => ({ task: '', who: '' }))];
  const area = (name: 'signs' | 'steps' | 'contacts' | 'prepare', label: string, hint: string) => (
    <div class={problems[name] ? 'field has-error' : 'field'}>
      <label for={name}>{label}</label>
      <p class="hint" id={`${name}-hint`}>
        {hint}
      </p>
      <Problem name={name} problems={problems} t={t} />
      <textarea id={name} name={name} rows={6} maxlength={4000} aria-describedby={`${name}-hint`} readonly={!p.canEdit}>
        {values[name]}
      </textarea>
    </div>
  );
  return (
    <>
      <h1>
        <T text={adopted.card.title} locale={locale} />
      </h1>
      <OrgTabs base={p.base} t={t} here="scenarios" />
      {p.notice && (
        <p class="notice" role="status">
          {p.notice}
        </p>
      )}
      <p class="lead">
        <T text={adopted.card.summary} locale={locale} />
      </p>
      <ErrorSummary problems={problems} t={t} />
      <PostForm action={`${p.base}/scenarios/${adopted.id}`} csrf={p.csrf}>
        {area('signs', t('scen.signs'), t('scen.lines'))}
        {area('steps', t('scen.steps'), t('scen.lines'))}
        <fieldset>
          <legend>{t('scen.roles')}</legend>
          <p class="hint">{t('scen.roles.hint')}</p>
          {roles.map((r, i) => (
            <div class="role-row">
              <label for={`task_${i}`} class="visually-hidden">
                {t('scen.task', { n: i + 1 })}
              </label>
              <input id={`task_${i}`} name={`task_${i}`} value={r.task} maxlength={400} readonly={!p.canEdit} />
              <label for={`who_${i}`} class="visually-hidden">
                {t('scen.who', { n: i + 1 })}
              </label>
              <Problem name={`who_${i}`} problems={problems} t={t} />
              <select id={`who_${i}`} name={`who_${i}`} disabled={!p.canEdit}>
                <option value="">{t('scen.nobody')}</option>
                {p.members.map((m) => (
                  <option value={m.id} selected={m.id === r.who}>
                    {m.name}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </fieldset>
        <p>
          {t('scen.whom')} <Contacts card={adopted.card} locale={locale} names={p.names} />
        </p>
        {area('contacts', t('scen.contacts'), t('scen.contacts.hint'))}
        {area('prepare', t('scen.prepare'), t('scen.lines'))}
        {p.canEdit && (
          <p>
            <button class="button" type="submit">
              {t('scen.save')}
            </button>
          </p>
        )}
      </PostForm>
    </>
  );
}
