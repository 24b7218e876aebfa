// The handlers' pages: the queue per language with each case's clock, and a case with its messages,
// reply and note forms, state, assignment, vetting and referral.
import type { Problems } from '../../../platform/errors.ts';
import { formatDateTime, languageName, type Locale, type Translate } from '../../../platform/i18n/index.ts';
import { OrgTabs } from '../../../ui/components/org-tabs.tsx';
import { ErrorSummary, PostForm, SelectField, TextField, type FormValues } from '../../../ui/components/form.tsx';
import {
  REFERRAL_FIELDS,
  SETTABLE_STATES,
  type CaseMessage,
  type CaseView,
  type DeskEntry,
  type ReplyTemplate,
} from '../service.ts';
import { ThreatSharing } from './indicators.tsx';
import { Vetting } from './vetting.tsx';
import { Message } from './public.tsx';

export interface DeskBase {
  locale: Locale;
  t: Translate;
  /** /{locale}/orgs/{orgId} */
  base: string;
  orgName: string;
  csrf: string;
  notice?: string;
}

const MINUTE = 60_000;

/** How long the case has waited for its first reply, or how long that reply took, against the target. */
export function Clock({ entry, target, now, t }: { entry: DeskEntry; target: number; now: Date; t: Translate }) {
  const end = entry.firstResponseAt ? new Date(entry.firstResponseAt) : now;
  const minutes = Math.max(0, Math.round((end.getTime() - new Date(entry.openedAt).getTime()) / MINUTE));
  const late = minutes > target;
  const label = entry.firstResponseAt ? 'cases.clock.answered' : 'cases.clock.waiting';
  return (
    <span class={late ? 'clock late' : 'clock'}>
      {t(label, { time: duration(minutes, t) })}
      {late && ` · ${t('cases.clock.late')}`}
    </span>
  );
}

export const duration = (minutes: number, t: Translate) =>
  minutes < 120
    ? t('cases.clock.minutes', { n: minutes })
    : t('cases.clock.hours', { n: Math.floor(minutes / 60), m: minutes % 60 });

export function Heading({ p, title }: { p: DeskBase; title: string }) {
  return (
    <>
      <p class="crumb">{p.orgName}</p>
      <h1>{title}</h1>
      <OrgTabs base={p.base} t={p.t} here="helpline" />
      {p.notice && (
        <p class="notice" role="status">
          {p.notice}
        </p>
      )}
    </>
  );
}

export function CasePage(
  p: DeskBase & {
    view: CaseView;
    now: Date;
    values: FormValues;
    problems: Problems;
    templates: ReplyTemplate[];
    targets: { id: string; name: string }[];
  },
) {
  const { t, locale, view } = p;
  const e = view.entry;
  const here = `${p.base}/helpline/cases/${view.id}`;
  const names = Object.fromEntries(view.members.map((m) => [`user:${m.id}`, m.name]));
  const who = (m: CaseMessage) =>
    m.body.kind === 'intake' || m.body.kind === 'requester' || m.body.kind === 'consent'
      ? t('cases.case.requester')
      : m.body.kind === 'answer'
        ? m.body.helpline // a handler of the other helpline, not one of ours
        : 'by' in m.body
          ? (names[m.body.by] ?? t('cases.queue.formerMember'))
          : '';
  const asked = view.messages.some((m) => m.body.kind === 'answer');
  return (
    <>
      <Heading p={p} title={t('cases.case.title', { at: formatDateTime(locale, new Date(e.openedAt)) })} />
      <dl class="facts">
        <dt>{t('cases.queue.state')}</dt>
        <dd>{t(`cases.state.${e.state}`)}</dd>
        <dt>{t('cases.queue.language')}</dt>
        <dd>{languageName(locale, e.language)}</dd>
        <dt>{t('cases.queue.clock')}</dt>
        <dd>
          <Clock entry={e} target={view.targetMinutes} now={p.now} t={t} />
        </dd>
        {e.resolvedAt && (
          <>
            <dt>{t('cases.case.resolved')}</dt>
            <dd>
              {duration(Math.round((new Date(e.resolvedAt).getTime() - new Date(e.openedAt).getTime()) / MINUTE), t)}
            </dd>
          </>
        )}
        {e.referredFrom && (
          <>
            <dt>{t('cases.case.referredFrom')}</dt>
            <dd>{e.referredFrom.name}</dd>
          </>
        )}
      </dl>
      {e.referredFrom && !asked && (
        <div class="actions">
          <PostForm action={`${here}/accept`} csrf={p.csrf} class="inline">
            <button class="button" type="submit">
              {t('cases.referral.accept')}
            </button>
          </PostForm>
          <PostForm action={`${here}/decline`} csrf={p.csrf} class="inline">
            <button class="link-button" type="submit">
              {t('cases.referral.decline')}
            </button>
          </PostForm>
        </div>
      )}
      <h2>{t('cases.status.messages')}</h2>
      <ol class="messages">
        {view.messages.map((m) => (
          <Message m={m} locale={locale} t={t} who={who} />
        ))}
      </ol>
      <ErrorSummary problems={p.problems} t={t} order={['text', 'indicators', 'state', 'assignee', 'to', 'fields']} />
      <h2 id="reply">{t('cases.case.reply')}</h2>
      {p.templates.length > 0 && (
        <form method="get" action={`${here}#reply`} class="inline">
          <SelectField
            name="template"
            label={t('cases.case.template')}
            none={t('cases.case.noTemplate')}
            options={p.templates.map((tp): [string, string] => [
              tp.id,
              `${tp.title} (${languageName(locale, tp.language)})`,
            ])}
            values={{}}
            problems={{}}
            t={t}
          />
          <button class="link-button" type="submit">
            {t('cases.case.useTemplate')}
          </button>
        </form>
      )}
      <PostForm action={`${here}/reply`} csrf={p.csrf}>
        <TextField
          name="text"
          label={t('cases.case.replyLabel')}
          hint={t('cases.case.replyHint')}
          values={p.values}
          problems={p.problems}
          t={t}
          multiline
          max={6000}
        />
        <p class="actions">
          <button class="button" type="submit">
            {t('cases.case.send')}
          </button>
          <button class="link-button" type="submit" formaction={`${here}/note`}>
            {t('cases.case.saveNote')}
          </button>
        </p>
      </PostForm>
      <ThreatSharing
        t={t}
        csrf={p.csrf}
        here={here}
        monitorHref={`${p.base}/monitor/events/new?from=case:${view.id}`}
        hasIndicators={view.messages.some((m) => m.body.kind === 'indicators')}
        values={p.values}
        problems={p.problems}
      />
      <h2>{t('cases.case.handling')}</h2>
      <PostForm action={`${here}/state`} csrf={p.csrf} class="inline">
        <SelectField
          name="state"
          label={t('cases.queue.state')}
          // A new or referred case shows its state, not the first state it could be given.
          none={(SETTABLE_STATES as readonly string[]).includes(e.state) ? undefined : t(`cases.state.${e.state}`)}
          options={SETTABLE_STATES.map((s): [string, string] => [s, t(`cases.state.${s}`)])}
          values={{ state: e.state }}
          problems={{}}
          t={t}
        />
        <button class="button" type="submit">
          {t('cases.case.setState')}
        </button>
      </PostForm>
      <PostForm action={`${here}/assign`} csrf={p.csrf} class="inline">
        <SelectField
          name="assignee"
          label={t('cases.queue.assignee')}
          none={t('cases.case.nobody')}
          options={view.members.map((m): [string, string] => [m.id, m.name])}
          values={{ assignee: e.assignee ?? '' }}
          problems={{}}
          t={t}
        />
        <button class="button" type="submit">
          {t('cases.case.assign')}
        </button>
      </PostForm>
      <Vetting p={p} here={here} />
      {p.targets.length > 0 && !e.referredTo && (
        <section aria-labelledby="refer-title">
          <h2 id="refer-title">{t('cases.referral.title')}</h2>
          <p>{t('cases.referral.lead')}</p>
          <PostForm action={`${here}/refer`} csrf={p.csrf}>
            <SelectField
              name="to"
              label={t('cases.referral.to')}
              options={p.targets.map((h): [string, string] => [h.id, h.name])}
              values={{}}
              problems={p.problems}
              t={t}
            />
            <fieldset>
              <legend>{t('cases.referral.fields')}</legend>
              {REFERRAL_FIELDS.map((f) => (
                <label class="check">
                  <input type="checkbox" name="fields" value={f} checked={f !== 'contact'} />{' '}
                  {t(`cases.referral.field.${f}`)}
                </label>
              ))}
            </fieldset>
            <p>
              <button class="button" type="submit">
                {t('cases.referral.ask')}
              </button>
            </p>
          </PostForm>
        </section>
      )}
    </>
  );
}
