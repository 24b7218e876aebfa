// /{locale}/legislation (filter by ?country= and ?kind=), /{locale}/legislation/{id}, and the Atom feed of a
// country's stage changes, /{locale}/legislation/{ISO}.atom.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { publicOrigin } from '../../config/config.ts';
import { allows } from '../../platform/access.ts';
import { countryName } from '../../platform/i18n/index.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { NotFoundError, type Problems } from '../../platform/errors.ts';
import { readForm } from '../../platform/forms.ts';
import { csrfToken } from '../../platform/security/csrf.ts';
import { isKnownCountry } from '../countries/service.ts';
import { legislationAtom } from './atom.ts';
import {
  countryStageChanges,
  editLegislation,
  getLegislation,
  LEGISLATION_KINDS,
  legislationCountries,
  legislationYaml,
  listLegislation,
  type LegislationKind,
} from './service.ts';
import { stageLabel } from './views/parts.tsx';
import { LegislationEditPage } from './views/edit-page.tsx';
import { LegislationEntryPage } from './views/entry-page.tsx';
import { LegislationListPage } from './views/list-page.tsx';

/** The edit form's one field; its content is checked by the service against the schema. */
const editForm = z.object({ yaml: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string().max(100_000)) });

function editPage(c: Context<AppEnv>, id: string, yaml: string, problems: Problems) {
  const { locale, t } = c.var;
  c.status(Object.keys(problems).length ? 422 : 200);
  return c.render(
    <LegislationEditPage locale={locale} t={t} csrf={csrfToken(c)} id={id} yaml={yaml} problems={problems} />,
    { title: t('curate.edit', { id }) },
  );
}

const ID = ':id{[a-z0-9]+(?:-[a-z0-9]+)*}';

const isKind = (k: string): k is LegislationKind => (LEGISLATION_KINDS as readonly string[]).includes(k);

export const legislationRoutes = new Hono<AppEnv>()
  .get('/legislation', async (c) => {
    const { ctx, actor, locale, t } = c.var;
    const country = c.req.query('country') ?? '';
    const kind = c.req.query('kind') ?? '';
    const valid = (country === '' || /^[A-Z]{2}$/.test(country)) && (kind === '' || isKind(kind));
    if (!valid) c.status(400);
    const entries = valid
      ? await listLegislation(ctx, actor, { ...(country && { country }), ...(kind && isKind(kind) && { kind }) })
      : [];
    return c.render(
      <LegislationListPage
        locale={locale}
        t={t}
        entries={entries}
        countries={await legislationCountries(ctx, actor)}
        country={country}
        kind={kind}
      />,
      { title: t('legislation.title') },
    );
  })
  .get('/legislation/:code{[A-Za-z]{2}\\.atom}', async (c) => {
    const { ctx, actor, locale, t } = c.var;
    const iso = c.req.param('code').slice(0, 2);
    if (iso !== iso.toUpperCase()) return c.redirect(`/${locale}/legislation/${iso.toUpperCase()}.atom`, 301);
    if (!(await isKnownCountry(ctx, actor, iso))) throw new NotFoundError(`no country ${iso}`);
    const origin = publicOrigin(ctx.config);
    const country = countryName(locale, iso);
    const body = legislationAtom({
      key: `${iso}:${locale}`,
      title: t('legislation.feedTitle', { country }),
      self: `${origin}/${locale}/legislation/${iso}.atom`,
      alternate: `${origin}/${locale}/legislation?country=${iso}`,
      entries: (await countryStageChanges(ctx, actor, iso)).map((change) => ({
        change,
        title: `${change.entry.title.en}: ${stageLabel(t, change.stage)}`,
        summary: change.entry.summary[locale] ?? change.entry.summary.en,
        link: `${origin}/${locale}/legislation/${change.entry.id}`,
      })),
    });
    c.header('content-type', 'application/atom+xml; charset=utf-8');
    return c.body(body);
  })
  .get(`/legislation/${ID}`, async (c) => {
    const { ctx, actor, locale, t } = c.var;
    const entry = await getLegislation(ctx, actor, c.req.param('id'));
    return c.render(
      <LegislationEntryPage locale={locale} t={t} entry={entry} canEdit={allows(actor, 'directory:write')} />,
      { title: entry.title.en },
    );
  })
  .get(`/curate/legislation/${ID}`, async (c) => {
    const id = c.req.param('id');
    return editPage(c, id, await legislationYaml(c.var.ctx, c.var.actor, id), {});
  })
  .post(`/curate/legislation/${ID}`, async (c) => {
    const id = c.req.param('id');
    const form = editForm.safeParse(await readForm(c));
    if (!form.success)
      return editPage(c, id, '', { yaml: { key: 'validation.recordFormat', values: { detail: 'too long' } } });
    const result = await editLegislation(c.var.ctx, c.var.actor, id, form.data.yaml);
    if (!result.ok) return editPage(c, id, form.data.yaml, result.problems);
    return c.redirect(`/${c.var.locale}/legislation/${id}`, 303);
  });
