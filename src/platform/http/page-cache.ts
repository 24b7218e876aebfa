// A cache of rendered public pages, one per app. Only for pages whose HTML depends on nothing but the
// URL and a data revision (no cookie, no session): the directory's list, detail and start pages.
// Each entry is kept as bytes, plain and gzipped, with an ETag, and is stale once its revision moves.
// Hits are answered early in the middleware chain, before locale, rendering, CSRF and routing.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppContext } from '../../context.ts';
import type { AppEnv } from './env.ts';

type Revision = (ctx: AppContext) => Promise<string>;

interface Entry {
  revision: string;
  revisionOf: Revision;
  html: Uint8Array<ArrayBuffer>;
  /** Made on the first request that accepts gzip (about 0.3 ms a page), not on every render. */
  gzip?: Uint8Array<ArrayBuffer>;
  etag: string;
}

export class PageCache {
  private readonly entries = new Map<string, Entry>();

  private readonly maxEntries: number;
  private readonly bypass: (c: Context) => boolean;
  /** What securityHeaders would add (hits are answered before it runs). */
  private readonly headers: Readonly<Record<string, string>>;

  constructor(options: { maxEntries?: number; bypass?: (c: Context) => boolean; headers?: Readonly<Record<string, string>> } = {}) {
    this.maxEntries = options.maxEntries ?? 500;
    this.bypass = options.bypass ?? (() => false);
    this.headers = options.headers ?? {};
  }

  /** Early middleware: answers a fresh hit at once; otherwise offers the cache to the route. */
  serveHits(): MiddlewareHandler<AppEnv> {
    return async (c, next) => {
      if ((c.req.method === 'GET' || c.req.method === 'HEAD') && !this.bypass(c)) {
        const key = c.req.url;
        const hit = this.entries.get(key);
        if (hit && hit.revision === (await hit.revisionOf(c.var.ctx))) {
          this.entries.delete(key); // keep the Map in least-recently-used order
          this.entries.set(key, hit);
          return respond(c, hit, this.headers);
        }
        c.set('pageCache', this);
      }
      return next();
    };
  }

  store(key: string, revision: string, revisionOf: Revision, html: Uint8Array<ArrayBuffer>): Entry {
    const entry: Entry = {
      revision,
      revisionOf,
      html,
      etag: `"${createHash('sha256').update(html).digest('base64url').slice(0, 22)}"`,
    };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }
}

/** Route middleware: keeps what the route rendered, under the data revision it was rendered from. */
export function cachedPage(revisionOf: Revision): MiddlewareHandler<AppEnv> {
  return async function cachedPage(c, next) {
    const cache = c.var.pageCache;
    if (!cache || c.var.actor.kind !== 'anonymous') return next();
    const revision = await revisionOf(c.var.ctx);
    await next();
    const type = c.res.headers.get('content-type') ?? '';
    if (c.res.status !== 200 || !type.startsWith('text/html') || c.res.headers.has('set-cookie')) return;
    // Kept as bytes: encoding a long page to UTF-8 on every response was most of a hit's cost.
    const html = new Uint8Array(await c.res.clone().arrayBuffer());
    c.res = respond(c, cache.store(c.req.url, revision, revisionOf, html));
  };
}

/**
 * One plain Response with every header in its init: @hono/node-server then writes it on its fast path
 * (a later headers.set would turn it into a full Response; that cost a third of a hit's time). Hits
 * are answered before the security headers middleware, so they carry its headers themselves.
 */
function respond(c: Context<AppEnv>, entry: Entry, extra: Readonly<Record<string, string>> = {}): Response {
  const headers: Record<string, string> = { ...extra, etag: entry.etag, vary: 'accept-encoding', 'cache-control': 'no-cache' };
  if (c.req.header('if-none-match') === entry.etag) return new Response(null, { status: 304, headers });
  headers['content-type'] = 'text/html; charset=UTF-8';
  if (/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
    entry.gzip ??= new Uint8Array(gzipSync(entry.html, { level: 6 }));
    headers['content-encoding'] = 'gzip';
    return new Response(entry.gzip, { status: 200, headers });
  }
  return new Response(entry.html, { status: 200, headers });
}
