import { Hono } from 'hono';
import { anonymous } from '../../platform/access.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { cachedDirectoryPage } from '../directory/routes.tsx';
import { searchDirectory } from '../directory/service.ts';
import { HomePage } from './views.tsx';

const NO_FILTERS = { q: '', kinds: [], serves: [], themes: [], regions: [], languages: [], alwaysOn: true };

export const homeRoutes = new Hono<AppEnv>().get('/', cachedDirectoryPage, async (c) => {
  const { ctx, locale, t } = c.var;
  const urgent = await searchDirectory(ctx, anonymous, NO_FILTERS, { limit: 6, offset: 0 });
  return c.render(<HomePage urgent={urgent.items} locale={locale} t={t} />, { title: t('home.title') });
});
