// /{locale}/offline: the offline edition as a file to save.
import { Hono } from 'hono';
import { anonymous } from '../../platform/access.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { offlineEdition } from './service.ts';

export const offlineRoutes = new Hono<AppEnv>().get('/offline', async (c) => {
  const html = await offlineEdition(c.var.ctx, anonymous, c.var.locale);
  return c.body(html, 200, {
    'content-type': 'text/html; charset=utf-8',
    'content-disposition': `attachment; filename="amparo-${c.var.locale}.html"`,
  });
});
