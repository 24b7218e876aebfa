// /{locale}/curate: curators decide suggestions (approve, merge into a record, reject with a reason),
// edit directory records and check them, the oldest check first. The rules live in the suggestions and directory services.
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Problems, Result } from '../../platform/errors.ts';
import { readForm } from '../../platform/forms.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { csrfToken } from '../../platform/security/csrf.ts';
import { approveFormSchema, editFormSchema, markFormSchema, mergeFormSchema, rejectFormSchema } from './input.ts';
import {
  approveSuggestion,
  curationQueue,
  editableRecordNames,
  freshnessQueue,
  markRecord,
  mergeSuggestion,
  recordYaml,
  rejectSuggestion,
  saveRecordYaml,
} from './service.ts';
import { DirectoryListPage, EditPage } from './views/directory.tsx';
import { FreshnessPage } from './views/freshness.tsx';
import { QueuePage } from './views/queue.tsx';

type Ctx = Context<AppEnv>;

async function queuePage(c: Ctx, status: 200 | 422 = 200, problem?: { id: string; text: string }) {
  const { ctx, actor, locale, t } = c.var;
  const { suggestions, mechanisms } = await curationQueue(ctx, actor);
  c.status(status);
  return c.render(
    <QueuePage
      locale={locale}
      csrf={csrfToken(c)}
      t={t}
      suggestions={suggestions}
      mechanisms={mechanisms}
      problem={problem}
    />,
    { title: t('curate.title') },
  );
}

/** A decision that the rules refuse comes back to the queue with the reason beside the suggestion. */
async function decide(c: Ctx, run: () => Promise<Result<unknown>>) {
  const result = await run();
  if (result.ok) return c.redirect(`/${c.var.locale}/curate`, 303);
  const { t } = c.var;
  return queuePage(c, 422, {
    id: c.req.param('id')!,
    text: Object.entries(result.problems)
      .map(([field, p]) => `${field}: ${t(p.key, p.values)}`)
      .join('; '),
  });
}

function editPage(c: Ctx, id: string, yaml: string, problems: Problems) {
  const { locale, t } = c.var;
  c.status(Object.keys(problems).length ? 422 : 200);
  return c.render(<EditPage locale={locale} csrf={csrfToken(c)} t={t} id={id} yaml={yaml} problems={problems} />, {
    title: t('curate.edit', { id }),
  });
}

export const curationRoutes = new Hono<AppEnv>()
  .get('/curate', (c) => queuePage(c))
  .post('/curate/suggestions/:id/approve', async (c) => {
    const options = approveFormSchema.parse(await readForm(c));
    return decide(c, () => approveSuggestion(c.var.ctx, c.var.actor, c.req.param('id'), options));
  })
  .post('/curate/suggestions/:id/merge', async (c) => {
    const { mechanism } = mergeFormSchema.parse(await readForm(c));
    return decide(c, () => mergeSuggestion(c.var.ctx, c.var.actor, c.req.param('id'), mechanism));
  })
  .post('/curate/suggestions/:id/reject', async (c) => {
    const { reason } = rejectFormSchema.parse(await readForm(c));
    return decide(c, () => rejectSuggestion(c.var.ctx, c.var.actor, c.req.param('id'), reason));
  })
  .get('/curate/directory', async (c) => {
    const { ctx, actor, locale, t } = c.var;
    const mechanisms = await editableRecordNames(ctx, actor);
    return c.render(<DirectoryListPage locale={locale} t={t} mechanisms={mechanisms} />, {
      title: t('curate.directory'),
    });
  })
  .get('/curate/freshness', async (c) => {
    const { ctx, actor, locale, t } = c.var;
    const queue = await freshnessQueue(ctx, actor);
    return c.render(<FreshnessPage locale={locale} csrf={csrfToken(c)} t={t} queue={queue} />, {
      title: t('curate.freshness'),
    });
  })
  .post('/curate/freshness/:id', async (c) => {
    const form = markFormSchema.safeParse(await readForm(c));
    if (!form.success) throw new HTTPException(400);
    await markRecord(c.var.ctx, c.var.actor, c.req.param('id'), form.data.mark);
    return c.redirect(`/${c.var.locale}/curate/freshness`, 303);
  })
  .get('/curate/directory/:id', async (c) => {
    const id = c.req.param('id');
    const yaml = await recordYaml(c.var.ctx, c.var.actor, id);
    if (yaml === undefined) return c.notFound();
    return editPage(c, id, yaml, {});
  })
  .post('/curate/directory/:id', async (c) => {
    const id = c.req.param('id');
    const { yaml } = editFormSchema.parse(await readForm(c));
    const result = await saveRecordYaml(c.var.ctx, c.var.actor, id, yaml);
    if (!result.ok) return editPage(c, id, yaml, result.problems);
    return c.redirect(`/${c.var.locale}/support/${id}`, 303);
  });
