// /{locale}/orgs/:orgId/monitor: search the organisation's events, record, edit, verify, publish, and
// read earlier versions. Every service call checks the organisation; another one's events answer 404.
import { Hono, type Context } from 'hono';
import { actorId, allows } from '../../platform/access.ts';
import type { Problems } from '../../platform/errors.ts';
import { readForm } from '../../platform/forms.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { csrfToken } from '../../platform/security/csrf.ts';
import type { FormValues } from '../../ui/components/form.tsx';
import { activeMembers } from '../accounts/orgs/service.ts';
import { countryCodes } from '../triage/service.ts';
import { evidenceFiles } from './evidence/service.ts';
import { caseAsEventDraft } from './intake/from-case.ts';
import { dismissReport, reportAsEventDraft } from './intake/service.ts';
import {
  eventToForm,
  parseEventForm,
  parseFilters,
  parsePublication,
  parseVerification,
  type RowKind,
} from './input.ts';
import type { EventInput, MonitorEvent } from './model.ts';
import {
  deleteEvent,
  editEvent,
  eventVersions,
  getEvent,
  mayRecord,
  monitorVocabulary,
  publishEvent,
  recordEvents,
  searchEvents,
  verifyEvent,
} from './service.ts';
import { EventPage, VersionsPage } from './views/event.tsx';
import { EventFormPage } from './views/form.tsx';
import { MonitorListPage } from './views/list.tsx';

export type Ctx = Context<AppEnv>;
const PAGE = 20;
const NOTICES = ['recorded', 'saved', 'verified', 'published', 'confirmDelete', 'attached'];
export const orgBase = (c: Ctx) => `/${c.var.locale}/orgs/${c.req.param('orgId')}`;
const base = (c: Ctx) => ({
  locale: c.var.locale,
  t: c.var.t,
  base: orgBase(c),
  vocabulary: monitorVocabulary(c.var.ctx),
});

function extraRows(values: FormValues): Partial<Record<RowKind, number>> {
  try {
    const parsed = JSON.parse(typeof values.extra === 'string' ? values.extra : '{}') as Record<string, unknown>;
    const n = (k: RowKind) => Math.min(20, Math.max(0, Number(parsed[k]) || 0));
    return { act: n('act'), party: n('party'), source: n('source') };
  } catch {
    return {};
  }
}

function formPage(c: Ctx, values: FormValues, problems: Problems, action: string, heading: string) {
  const extra = extraRows(values);
  const more = values.more;
  if (more === 'act' || more === 'party' || more === 'source') extra[more] = (extra[more] ?? 0) + 1;
  c.status(Object.keys(problems).length ? 422 : 200);
  return c.render(
    <EventFormPage
      {...base(c)}
      values={values}
      problems={problems}
      csrf={csrfToken(c)}
      action={action}
      countries={countryCodes(c.var.ctx)}
      extra={extra}
      heading={heading}
    />,
    { title: heading },
  );
}

/** A POST of the event form: "Add a row" re-renders it; a save that fails re-renders with 422, nothing lost. */
async function saveForm(
  c: Ctx,
  action: string,
  heading: string,
  save: (input: Parameters<typeof editEvent>[4], values: FormValues) => Promise<string>,
) {
  const orgId = c.req.param('orgId')!;
  mayRecord(c.var.actor, orgId);
  // Editing another organisation's event (or a missing one) answers 404 before anything is read.
  if (c.req.param('id')) await getEvent(c.var.ctx, c.var.actor, orgId, c.req.param('id')!);
  const values = await readForm(c);
  if (typeof values.more === 'string' && values.more) return formPage(c, values, {}, action, heading);
  const parsed = parseEventForm(values, monitorVocabulary(c.var.ctx));
  if (!parsed.ok) return formPage(c, values, parsed.problems, action, heading);
  return c.redirect(await save(parsed.value, values), 303);
}

/** A partial event (a report's draft) as form values: what it lacks stays empty. */
function draftValues(draft: Partial<EventInput>): FormValues {
  const empty: EventInput = {
    title: '',
    description: '',
    start: { date: '', precision: 'day' },
    end: null,
    place: { country: '', region: '', point: null },
    acts: [],
    parties: [],
    sources: [],
  };
  return eventToForm({ ...empty, ...draft });
}

export const eventUrl = (c: Ctx, id: string, done: string) => `${orgBase(c)}/monitor/events/${id}?done=${done}`;

/** The event page; `upload` when an upload was refused (the page again, with why, and its status). */
export async function showEvent(c: Ctx, e: MonitorEvent, upload?: { status: 413 | 422; error: string }) {
  const { ctx, actor, t, locale } = c.var;
  const orgId = c.req.param('orgId')!;
  const done = c.req.query('done') ?? '';
  const { publicId, state } = e.publication;
  const files = await evidenceFiles(
    ctx,
    actor,
    orgId,
    e.sources.flatMap((s) => s.fileIds),
  );
  if (upload) c.status(upload.status);
  return c.render(
    <EventPage
      {...base(c)}
      e={e}
      csrf={csrfToken(c)}
      canWrite={allows(actor, 'org:write', { orgId })}
      canPublish={allows(actor, 'org:manage', { orgId })}
      canVerify={e.created.by !== actorId(actor)}
      notice={NOTICES.includes(done) ? t(`monitor.done.${done}`) : null}
      publicUrl={state === 'public' && publicId ? `/${locale}/monitor/events/${publicId}` : null}
      files={files}
      uploadError={upload?.error ?? null}
    />,
    { title: e.title },
  );
}

export const monitorRoutes = new Hono<AppEnv>()
  .get('/orgs/:orgId/monitor', async (c) => {
    const { ctx, actor, t } = c.var;
    const orgId = c.req.param('orgId');
    const filters = parseFilters(c.req.queries(), monitorVocabulary(ctx));
    const offset = Math.max(0, Math.min(10_000, Number(c.req.query('offset')) || 0));
    const found = await searchEvents(ctx, actor, orgId, filters, { limit: PAGE, offset });
    const link = (at: number) => {
      const q = new URLSearchParams(c.req.url.split('?')[1] ?? '');
      q.set('offset', String(at));
      return `${orgBase(c)}/monitor?${q.toString()}`;
    };
    return c.render(
      <MonitorListPage
        {...base(c)}
        filters={filters}
        countries={countryCodes(ctx)}
        {...found}
        offset={offset}
        limit={PAGE}
        canWrite={allows(actor, 'org:write', { orgId })}
        notice={c.req.query('done') === 'deleted' ? t('monitor.done.deleted') : null}
        prevHref={offset > 0 ? link(Math.max(0, offset - PAGE)) : null}
        nextHref={found.more || offset + PAGE < found.total ? link(offset + PAGE) : null}
      />,
      { title: t('monitor.title') },
    );
  })
  .get('/orgs/:orgId/monitor/events/new', async (c) => {
    const orgId = c.req.param('orgId');
    mayRecord(c.var.actor, orgId);
    // "Record as event" from the intake queue or a helpline case: its text and details, to check and complete.
    const from = /^(report|case):([A-Za-z0-9_-]{1,40})$/.exec(c.req.query('from') ?? '');
    const draft = !from
      ? null
      : from[1] === 'report'
        ? await reportAsEventDraft(c.var.ctx, c.var.actor, orgId, from[2]!)
        : await caseAsEventDraft(c.var.ctx, c.var.actor, orgId, from[2]!);
    const values = draft ? draftValues(draft) : {};
    if (from) values.from = `${from[1]}:${from[2]}`;
    return formPage(c, values, {}, `${orgBase(c)}/monitor/events`, c.var.t('monitor.record'));
  })
  .post('/orgs/:orgId/monitor/events', (c) =>
    saveForm(c, `${orgBase(c)}/monitor/events`, c.var.t('monitor.record'), async (input, values) => {
      const orgId = c.req.param('orgId');
      const [e] = await recordEvents(c.var.ctx, c.var.actor, orgId, [input]);
      // Recorded from a report: it leaves the queue.
      const from = /^report:([a-z0-9]{1,40})$/.exec(typeof values.from === 'string' ? values.from : '');
      if (from) await dismissReport(c.var.ctx, c.var.actor, orgId, from[1]!);
      return eventUrl(c, e!.id, 'recorded');
    }),
  )
  .get('/orgs/:orgId/monitor/events/:id', async (c) =>
    showEvent(c, await getEvent(c.var.ctx, c.var.actor, c.req.param('orgId'), c.req.param('id'))),
  )
  .get('/orgs/:orgId/monitor/events/:id/edit', async (c) => {
    const orgId = c.req.param('orgId');
    mayRecord(c.var.actor, orgId);
    const e = await getEvent(c.var.ctx, c.var.actor, orgId, c.req.param('id'));
    return formPage(c, eventToForm(e), {}, `${orgBase(c)}/monitor/events/${e.id}`, c.var.t('monitor.edit'));
  })
  .post('/orgs/:orgId/monitor/events/:id', (c) =>
    saveForm(c, `${orgBase(c)}/monitor/events/${c.req.param('id')}`, c.var.t('monitor.edit'), async (input) => {
      const e = await editEvent(c.var.ctx, c.var.actor, c.req.param('orgId'), c.req.param('id'), input);
      return eventUrl(c, e.id, 'saved');
    }),
  )
  .post('/orgs/:orgId/monitor/events/:id/verify', async (c) => {
    const state = parseVerification(await readForm(c));
    const id = c.req.param('id');
    if (state) await verifyEvent(c.var.ctx, c.var.actor, c.req.param('orgId'), id, state);
    return c.redirect(eventUrl(c, id, 'verified'), 303);
  })
  .post('/orgs/:orgId/monitor/events/:id/delete', async (c) => {
    const orgId = c.req.param('orgId');
    const id = c.req.param('id');
    const confirmed = (await readForm(c)).confirm === 'yes';
    if (!(await deleteEvent(c.var.ctx, c.var.actor, orgId, id, confirmed)))
      return c.redirect(eventUrl(c, id, 'confirmDelete'), 303);
    return c.redirect(`${orgBase(c)}/monitor?done=deleted`, 303);
  })
  .post('/orgs/:orgId/monitor/events/:id/publish', async (c) => {
    const choice = parsePublication(await readForm(c));
    const id = c.req.param('id');
    if (choice) await publishEvent(c.var.ctx, c.var.actor, c.req.param('orgId'), id, choice);
    return c.redirect(eventUrl(c, id, 'published'), 303);
  })
  .get('/orgs/:orgId/monitor/events/:id/versions', async (c) => {
    const { ctx, actor, t } = c.var;
    const orgId = c.req.param('orgId');
    const versions = await eventVersions(ctx, actor, orgId, c.req.param('id'));
    const e = await getEvent(ctx, actor, orgId, c.req.param('id'));
    // Who changed it, by name where they are still a member; otherwise "a former member".
    const names = new Map((await activeMembers(ctx, actor, orgId)).map((m) => [`user:${m.id}`, m.name]));
    const who = (by: string) => names.get(by) ?? t('monitor.versions.someone');
    return c.render(<VersionsPage {...base(c)} e={e} versions={versions} who={who} />, {
      title: t('monitor.versions'),
    });
  });
