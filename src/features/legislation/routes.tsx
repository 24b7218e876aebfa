// /{locale}/legislation (filter by ?country= and ?kind=), /{locale}/legislation/{id}, and the Atom feed of a
// country's stage changes, /{locale}/legislation/{ISO}.atom.
import { Hono } from 'hono';
import { publicOrigin } from '../../config/config.ts';
import { countryName } from '../../platform/i18n/index.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { isKnownCountry } from '../countries/service.ts';
import { legislationAtom } from './atom.ts';
import {
  countryStageChanges,
  getLegislation,
  LEGISLATION_KINDS,
  legislationCountries,
  listLegislation,
  type LegislationKind,
} from './service.ts';
import { stageLabel } from './views/parts.tsx';
import { LegislationEntryPage } from './views/entry-page.tsx';
import { LegislationListPage } from './views/list-page.tsx';

const isKind = (k: string): k is LegislationKind => (LEGISLATION_KINDS as readonly string[]).includes(k);

export const legislationRoutes = new Hono<AppEnv>()
  .get('/legislation', (c) => {
    const { ctx, actor, locale, t } = c.var;
    const country = c.req.query('country') ?? '';
    const kind = c.req.query('kind') ?? '';
    const valid = (country === '' || /^[A-Z]{2}$/.test(country)) && (kind === '' || isKind(kind));
    if (!valid) c.status(400);
    const entries = valid
      ? listLegislation(ctx, actor, { ...(country && { country }), ...(kind && isKind(kind) && { kind }) })
      : [];
    return c.render(
      <LegislationListPage
        locale={locale}
        t={t}
        entries={entries}
        countries={legislationCountries(ctx, actor)}
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
      entries: countryStageChanges(ctx, actor, iso).map((change) => ({
        change,
        title: `${change.entry.title.en}: ${stageLabel(t, change.stage)}`,
        summary: change.entry.summary[locale] ?? change.entry.summary.en,
        link: `${origin}/${locale}/legislation/${change.entry.id}`,
      })),
    });
    c.header('content-type', 'application/atom+xml; charset=utf-8');
    return c.body(body);
  })
  .get('/legislation/:id{[a-z0-9]+(?:-[a-z0-9]+)*}', (c) => {
    const { ctx, actor, locale, t } = c.var;
    const entry = getLegislation(ctx, actor, c.req.param('id'));
    return c.render(<LegislationEntryPage locale={locale} t={t} entry={entry} />, { title: entry.title.en });
  });
