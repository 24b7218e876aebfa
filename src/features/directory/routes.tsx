// HTML pages of the Support Finder: /{locale}/support and /{locale}/support/{id}.
import { Hono } from 'hono';
import { anonymous } from '../../platform/access.ts';
import { NotFoundError } from '../../platform/errors.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { HTML_PAGE_SIZE, parseHtmlSearch } from './input.ts';
import { mechanismIdSchema } from './schema.ts';
import { directoryVersion, getMechanism, searchDirectory } from './service.ts';
import { cachedPage } from '../../platform/http/page-cache.ts';
import { helplineLinksRevision, helplineOfRecord } from '../cases/service.ts';
import { SupportList } from './views/list.tsx';
import { MechanismDetail } from './views/detail.tsx';

/** Rendered list and detail pages are cached until the directory data changes (detail pages: or a helpline's link). */
const cachedDirectoryPage = cachedPage(directoryVersion);
const cachedRecordPage = cachedPage(
  async (ctx) => `${await directoryVersion(ctx)}|${await helplineLinksRevision(ctx)}`,
);

export const directoryRoutes = new Hono<AppEnv>()
  .get('/support', cachedDirectoryPage, async (c) => {
    const { ctx, locale, t } = c.var;
    const parsed = parseHtmlSearch(new URL(c.req.url).searchParams);
    const result = await searchDirectory(ctx, anonymous, parsed.filters, parsed.page, locale);
    return c.render(
      <SupportList
        filters={parsed.filters}
        result={result}
        pageNumber={parsed.pageNumber}
        ignored={parsed.ignored}
        pageSize={HTML_PAGE_SIZE}
        locale={locale}
        t={t}
      />,
      { title: t('support.title') },
    );
  })
  .get('/support/:id', cachedRecordPage, async (c) => {
    const { ctx, locale, t } = c.var;
    const id = mechanismIdSchema.safeParse(c.req.param('id'));
    if (!id.success) throw new NotFoundError('bad id');
    const { mechanism, similar, stale } = await getMechanism(ctx, anonymous, id.data);
    const ask = await helplineOfRecord(ctx, anonymous, mechanism.id);
    return c.render(<MechanismDetail m={mechanism} similar={similar} stale={stale} ask={ask} locale={locale} t={t} />, {
      title: mechanism.name,
    });
  });
