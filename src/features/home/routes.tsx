import { Hono } from 'hono';
import { anonymous } from '../../platform/access.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { cachedPage } from '../../platform/http/page-cache.ts';
import { homeVersion, urgentMechanisms } from './service.ts';
import { HomePage } from './views/home.tsx';

export const homeRoutes = new Hono<AppEnv>().get('/', cachedPage(homeVersion), async (c) => {
  const { ctx, locale, t } = c.var;
  const urgent = await urgentMechanisms(ctx, anonymous);
  return c.render(<HomePage urgent={urgent} locale={locale} t={t} />, { title: t('home.title') });
});
