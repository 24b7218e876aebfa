// The public JSON API of the directory, and its exports.
import { Hono } from 'hono';
import { anonymous } from '../../platform/access.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { problem } from '../../platform/http/problem.ts';
import { toCsv, toJson } from './export.ts';
import { parseApiSearch } from './input.ts';
import { mechanismIdSchema } from './schema.ts';
import { getMechanism, listDirectory, searchDirectory } from './service.ts';

export const directoryApi = new Hono<AppEnv>()
  .get('/v1/support', async (c) => {
    const parsed = parseApiSearch(new URL(c.req.url).searchParams);
    if (!parsed.ok)
      return problem(c, 400, 'Invalid query parameter', 'See errors for each parameter.', parsed.problems);
    const { items, total } = await searchDirectory(c.var.ctx, anonymous, parsed.filters, parsed.page);
    return c.json({ items, total, limit: parsed.page.limit, offset: parsed.page.offset });
  })
  .get('/v1/support.json', async (c) => {
    c.header('content-disposition', 'attachment; filename="amparo-support.json"');
    return c.body(toJson(await listDirectory(c.var.ctx, anonymous)), 200, {
      'content-type': 'application/json; charset=utf-8',
    });
  })
  .get('/v1/support.csv', async (c) => {
    c.header('content-disposition', 'attachment; filename="amparo-support.csv"');
    return c.body(toCsv(await listDirectory(c.var.ctx, anonymous)), 200, { 'content-type': 'text/csv; charset=utf-8' });
  })
  .get('/v1/support/:id', async (c) => {
    const id = mechanismIdSchema.safeParse(c.req.param('id'));
    if (!id.success) return problem(c, 404, 'Not found');
    const { mechanism } = await getMechanism(c.var.ctx, anonymous, id.data);
    return c.json(mechanism);
  });
