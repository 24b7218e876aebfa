// /{locale}/monitor: what organisations chose to publish, for anyone, without JavaScript.
import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/env.ts';
import { countryCodes } from '../../triage/service.ts';
import { monitorVocabulary } from '../service.ts';
import { publicCountryEvents, publicCounts, publicEvent } from './service.ts';
import { PublicCountryPage, PublicEventPage, PublicIndexPage } from './views.tsx';

export const monitorPublicRoutes = new Hono<AppEnv>()
  .get('/monitor', async (c) => {
    const { ctx, actor, locale, t } = c.var;
    const counts = await publicCounts(ctx, actor);
    return c.render(<PublicIndexPage locale={locale} t={t} vocabulary={monitorVocabulary(ctx)} counts={counts} />, {
      title: t('monitor.public.title'),
    });
  })
  .get('/monitor/countries/:iso{[A-Z]{2}}', async (c) => {
    const { ctx, actor, locale, t } = c.var;
    const country = c.req.param('iso');
    if (!countryCodes(ctx).includes(country)) return c.notFound();
    const [events, counts] = await Promise.all([
      publicCountryEvents(ctx, actor, { country }),
      publicCounts(ctx, actor),
    ]);
    return c.render(
      <PublicCountryPage
        locale={locale}
        t={t}
        vocabulary={monitorVocabulary(ctx)}
        country={country}
        events={events}
        counts={counts}
      />,
      { title: t('monitor.public.countryTitle', { country }) },
    );
  })
  .get('/monitor/events/:id', async (c) => {
    const { ctx, actor, locale, t } = c.var;
    const e = await publicEvent(ctx, actor, c.req.param('id'));
    return c.render(<PublicEventPage locale={locale} t={t} vocabulary={monitorVocabulary(ctx)} e={e} />, {
      title: e.title ?? t('monitor.public.title'),
    });
  });
