// A cache of rendered public pages. Only for pages whose HTML depends on nothing but the URL and a
// data revision (no cookie, no session): the directory's list, detail and start pages. Each entry is
// kept plain and gzipped, with an ETag, and is dropped when the revision changes.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.ts';

interface Entry {
  revision: string;
  html: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer>;
  etag: string;
}

export function pageCache(revision: (c: Context<AppEnv>) => Promise<string>, maxEntries = 500): MiddlewareHandler<AppEnv> {
  const entries = new Map<string, Entry>();
  return async function pageCache(c, next) {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const current = await revision(c);
    const key = c.req.url;
    const hit = entries.get(key);
    if (hit && hit.revision === current) {
      entries.delete(key); // keep the Map in least-recently-used order
      entries.set(key, hit);
      return respond(c, hit);
    }
    await next();
    const type = c.res.headers.get('content-type') ?? '';
    if (c.res.status !== 200 || !type.startsWith('text/html') || c.res.headers.has('set-cookie')) return;
    // Kept as bytes: encoding a long page to UTF-8 on every response was most of a cache hit's cost.
    const html = new Uint8Array(await c.res.clone().arrayBuffer());
    const entry: Entry = {
      revision: current,
      html,
      gzip: new Uint8Array(gzipSync(html, { level: 6 })),
      etag: `"${createHash('sha256').update(html).digest('base64url').slice(0, 22)}"`,
    };
    entries.delete(key);
    entries.set(key, entry);
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    c.res = respond(c, entry);
  };
}

function respond(c: Context<AppEnv>, entry: Entry): Response {
  const headers: Record<string, string> = { etag: entry.etag, vary: 'accept-encoding', 'cache-control': 'no-cache' };
  if (c.req.header('if-none-match') === entry.etag) return c.body(null, 304, headers);
  const html = { ...headers, 'content-type': 'text/html; charset=UTF-8' };
  if (/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) return c.body(entry.gzip, 200, { ...html, 'content-encoding': 'gzip' });
  return c.body(entry.html, 200, html);
}
