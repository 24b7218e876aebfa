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
  type Queue,
  type ReplyTemplate,
} from '../service.ts';
import { ThreatSharing } from './indicators.tsx';
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

function Heading({ p, title }: { p: DeskBase; title: string }) {
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

export function QueuePage(
  p: DeskBase & {
    queue: Queue | null;
    language: string | null;
    page: number;
    now: Date;
    onShift: boolean;
    canManage: boolean;
    intakeHref: string | null;
    members: Record<string, string>;
  },
) {
  const { t, locale, queue } = p;
  const here = `${p.base}/helpline`;
  if (!queue)
    return (
      <>
        <Heading p={p} title={t('cases.queue.title')} />
        <p class="lead">{t('cases.queue.none')}</p>
        {p.canManage && (
          <p>
            <a class="button" href={`${here}/settings`}>
              {t('cases.queue.start')}
            </a>
          </p>
        )}
      </>
    );
  const pages = Math.ceil(queue.total / 50);
  return (
    <>
      <Heading p={p} title={t('cases.queue.title')} />
      {p.intakeHref ? (
        <p>
          {t('cases.queue.address')} <code dir="ltr">{p.intakeHref}</code>
        </p>
      ) : (
        <p class="notice">{t('cases.queue.off')}</p>
      )}
      <div class="actions">
        <PostForm action={`${here}/shift`} csrf={p.csrf} class="inline">
          <input type="hidden" name="on" value={p.onShift ? '' : 'on'} />
          <button class="button" type="submit">
            {t(p.onShift ? 'cases.shift.end' : 'cases.shift.start')}
          </button>
        </PostForm>
        <span>{t(p.onShift ? 'cases.shift.on' : 'cases.shift.off')}</span>
        {p.canManage && <a href={`${here}/settings`}>{t('cases.settings.title')}</a>}
        <a href={`${here}/attainment`}>{t('cases.attainment.title')}</a>
      </div>
      <nav class="tabs" aria-label={t('cases.queue.languages')}>
        <ul>
          <li>
            <a href={here} {...(p.language === null ? { 'aria-current': 'page' as const } : {})}>
              {t('cases.queue.all')}
            </a>
          </li>
          {queue.languages.map((l) => (
            <li>
              <a
                href={`${here}?lang=${l.code}`}
                {...(p.language === l.code ? { 'aria-current': 'page' as const } : {})}
              >
                {languageName(locale, l.code)} ({l.open})
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p>{t('cases.queue.count', { n: queue.total })}</p>
      {queue.items.length > 0 && (
        <table class="data stack cases">
          <caption class="visually-hidden">{t('cases.queue.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('cases.queue.case')}</th>
              <th scope="col">{t('cases.queue.language')}</th>
              <th scope="col">{t('cases.queue.state')}</th>
              <th scope="col">{t('cases.queue.clock')}</th>
              <th scope="col">{t('cases.queue.assignee')}</th>
            </tr>
          </thead>
          <tbody>
            {queue.items.map((c) => (
              <tr>
                <td>
                  <a href={`${here}/cases/${c.id}`}>
                    {t('cases.queue.opened', { at: formatDateTime(locale, new Date(c.openedAt)) })}
                  </a>
                  {c.referredFrom && (
                    <span class="meta"> · {t('cases.queue.referredFrom', { name: c.referredFrom.name })}</span>
                  )}
                </td>
                <td data-label={t('cases.queue.language')}>{languageName(locale, c.language)}</td>
                <td data-label={t('cases.queue.state')}>{t(`cases.state.${c.state}`)}</td>
                <td data-label={t('cases.queue.clock')}>
                  <Clock entry={c} target={queue.targetMinutes} now={p.now} t={t} />
                </td>
                <td data-label={t('cases.queue.assignee')}>
                  {c.assignee ? (p.members[c.assignee] ?? t('cases.queue.formerMember')) : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 && (
        <nav aria-label={t('cases.queue.pages')}>
          {p.page > 1 && (
            <a href={`${here}?${p.language ? `lang=${p.language}&` : ''}page=${p.page - 1}`}>
              {t('cases.queue.previous')}
            </a>
          )}{' '}
          {t('cases.queue.page', { page: p.page, pages })}{' '}
          {p.page < pages && (
            <a href={`${here}?${p.language ? `lang=${p.language}&` : ''}page=${p.page + 1}`}>{t('cases.queue.next')}</a>
          )}
        </nav>
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

function Vetting({ p, here }: { p: Parameters<typeof CasePage>[0]; here: string }) {
  const { t, view } = p;
  const v = view.entry.vetting;
  const values = { publicSources: v?.publicSources ?? '', voucher: v?.voucher ?? '', evaluation: v?.evaluation ?? '' };
  const signer = v?.signedOffBy && view.members.find((m) => `user:${m.id}` === v.signedOffBy)?.name;
  return (
    <details open={v !== null}>
      <summary>{t('cases.vetting.title')}</summary>
      <p>{t('cases.vetting.lead')}</p>
      {v?.signedOffBy && (
        <p class="notice">{t('cases.vetting.signedOff', { name: signer ?? t('cases.queue.formerMember') })}</p>
      )}
      <PostForm action={`${here}/vetting`} csrf={p.csrf}>
        <TextField
          name="publicSources"
          label={t('cases.vetting.publicSources')}
          values={values}
          problems={{}}
          t={t}
          multiline
          max={2000}
        />
        <TextField
          name="voucher"
          label={t('cases.vetting.voucher')}
          values={values}
          problems={{}}
          t={t}
          multiline
          max={2000}
        />
        <TextField
          name="evaluation"
          label={t('cases.vetting.evaluation')}
          values={values}
          problems={{}}
          t={t}
          multiline
          max={2000}
        />
        <label class="check">
          <input type="checkbox" name="signOff" value="on" checked={Boolean(v?.signedOffBy)} />{' '}
          {t('cases.vetting.signOff')}
        </label>
        <p>
          <button class="button" type="submit">
            {t('cases.vetting.save')}
          </button>
        </p>
      </PostForm>
    </details>
  );
}
