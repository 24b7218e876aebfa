// A cache of rendered public pages, one per app. Only for pages whose HTML depends on nothing but the
// URL and a data revision (no cookie, no session): the directory's list, detail and start pages.
// Each entry is kept as bytes, plain and gzipped, with an ETag, and is stale once its revision moves.
// A GET hit is answered before Hono routes the request at all (answer(), wrapped around the app's fetch
// in app.ts); a HEAD hit early in the middleware chain, before locale, rendering, CSRF and routing.
import { createHash, randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import type { AppContext } from '../../context.ts';
import type { AppEnv } from './env.ts';
import type { RequestLogLine } from './middleware.ts';

type Revision = (ctx: AppContext) => Promise<string>;

interface Entry {
  revision: string;
  revisionOf: Revision;
  html: Uint8Array<ArrayBuffer>;
  /** Made on the first request that accepts gzip (about 0.3 ms a page), not on every render. */
  gzip?: Uint8Array<ArrayBuffer>;
  etag: string;
  /** The route pattern that rendered it, for the request log line of a hit. */
  route: string;
}

/** Whether a request must not be answered from the cache (it carries a session). */
type Bypass = (cookieHeader: string | null | undefined) => boolean;

export class PageCache {
  private readonly entries = new Map<string, Entry>();

  private readonly maxEntries: number;
  private readonly bypass: Bypass;
  /** What securityHeaders would add (hits are answered before it runs). */
  private readonly headers: Readonly<Record<string, string>>;

  constructor(options: { maxEntries?: number; bypass?: Bypass; headers?: Readonly<Record<string, string>> } = {}) {
    this.maxEntries = options.maxEntries ?? 500;
    this.bypass = options.bypass ?? (() => false);
    this.headers = options.headers ?? {};
  }

  /** The fresh entry for this URL, if there is one (and moves it to the most recently used end). */
  private async fresh(url: string, ctx: AppContext): Promise<Entry | undefined> {
    const hit = this.entries.get(url);
    if (!hit || hit.revision !== (await hit.revisionOf(ctx))) return undefined;
    this.entries.delete(url); // keep the Map in least-recently-used order
    this.entries.set(url, hit);
    return hit;
  }

  /**
   * A GET hit answered from the bare Request, before Hono builds a context, routes and runs the
   * middleware chain (that was a third of a hit's cost); the request log line is written here.
   * Undefined for anything else, which then goes through the app as usual.
   */
  async answer(request: Request, ctx: AppContext, log: RequestLogLine): Promise<Response | undefined> {
    if (request.method !== 'GET' || this.bypass(request.headers.get('cookie'))) return undefined;
    const started = performance.now();
    // A failure here (the revision check) is left to the app, whose error handler answers properly.
    const hit = await this.fresh(request.url, ctx).catch(() => undefined);
    if (!hit) return undefined;
    const response = respond(request.headers, hit, this.headers);
    log(randomUUID(), 'GET', hit.route, response.status, Math.round(performance.now() - started));
    return response;
  }

  /** Early middleware: answers a fresh hit (a HEAD, or a GET that came another way); otherwise offers the cache to the route. */
  serveHits(): MiddlewareHandler<AppEnv> {
    return async (c, next) => {
      if ((c.req.method === 'GET' || c.req.method === 'HEAD') && !this.bypass(c.req.header('cookie'))) {
        const hit = await this.fresh(c.req.url, c.var.ctx);
        if (hit) return respond(c.req.raw.headers, hit, this.headers);
        c.set('pageCache', this);
      }
      return next();
    };
  }

  store(key: string, route: string, revision: string, revisionOf: Revision, html: Uint8Array<ArrayBuffer>): Entry {
    const entry: Entry = {
      revision,
      revisionOf,
      html,
      etag: `"${createHash('sha256').update(html).digest('base64url').slice(0, 22)}"`,
      route,
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
    c.res = respond(c.req.raw.headers, cache.store(c.req.url, c.req.routePath, revision, revisionOf, html));
  };
}

/**
 * One plain Response with every header in its init: @hono/node-server then writes it on its fast path
 * (a later headers.set would turn it into a full Response; that cost a third of a hit's time). Hits
 * are answered before the security headers middleware, so they carry its headers themselves.
 */
function respond(request: Headers, entry: Entry, extra: Readonly<Record<string, string>> = {}): Response {
  const headers: Record<string, string> = {
    ...extra,
    etag: entry.etag,
    vary: 'accept-encoding',
    'cache-control': 'no-cache',
  };
  if (request.get('if-none-match') === entry.etag) return new Response(null, { status: 304, headers });
  headers['content-type'] = 'text/html; charset=UTF-8';
  if (/\bgzip\b/.test(request.get('accept-encoding') ?? '')) {
    entry.gzip ??= new Uint8Array(gzipSync(entry.html, { level: 6 }));
    headers['content-encoding'] = 'gzip';
    return new Response(entry.gzip, { status: 200, headers });
  }
  return new Response(entry.html, { status: 200, headers });
}
