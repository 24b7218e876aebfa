// HTML pages of the Support Finder: /{locale}/support and /{locale}/support/{id}.
import { Hono } from 'hono';
import { anonymous } from '../../platform/access.ts';
import { ValidationError } from '../../platform/errors.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { HTML_PAGE_SIZE, parseHtmlSearch } from './input.ts';
import { mechanismIdSchema } from './schema.ts';
import { getMechanism, searchDirectory } from './service.ts';
import { SupportList } from './views/list.tsx';
import { MechanismDetail } from './views/detail.tsx';
import { NotFoundError } from '../../platform/errors.ts';

export const directoryRoutes = new Hono<AppEnv>()
  .get('/support', async (c) => {
    const { ctx, locale, t } = c.var;
    const parsed = parseHtmlSearch(new URL(c.req.url).searchParams);
    if (!parsed.ok) throw new ValidationError(parsed.problems);
    const result = await searchDirectory(ctx, anonymous, parsed.filters, parsed.page);
    return c.render(
      <SupportList filters={parsed.filters} result={result} pageNumber={parsed.pageNumber ?? 1} pageSize={HTML_PAGE_SIZE} locale={locale} t={t} />,
      { title: t('support.title') },
    );
  })
  .get('/support/:id', async (c) => {
    const { ctx, locale, t } = c.var;
    const id = mechanismIdSchema.safeParse(c.req.param('id'));
    if (!id.success) throw new NotFoundError('bad id');
    const { mechanism, similar } = await getMechanism(ctx, anonymous, id.data);
    return c.render(<MechanismDetail m={mechanism} similar={similar} locale={locale} t={t} />, { title: mechanism.name });
  });
