import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { ownOrigins } from '../../config/config.ts';
import { ForbiddenError } from '../errors.ts';
import type { AppEnv } from '../http/env.ts';

export const CSRF_FIELD = '_csrf';
const COOKIE = 'amparo_csrf';

export class CsrfError extends ForbiddenError {
  override name = 'CsrfError';
  override readonly messageKey: string = 'error.csrf';
}

/** Never the Host header: a request could name any host there, and its Origin would then "match". */
function isOwnOrigin(c: Context<AppEnv>, origin: string): boolean {
  return ownOrigins(c.var.ctx.config).includes(origin);
}

function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/**
 * Every unsafe request must prove it came from our own pages: by its Origin header, else by
 * Sec-Fetch-Site, else (an old browser or a privacy tool stripped both) by a double-submit token.
 */
export const csrfProtection: MiddlewareHandler<AppEnv> = async function csrfProtection(c, next) {
  if (['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) return next();
  // Under our own Referrer-Policy: no-referrer, Chromium sends "Origin: null" on same-origin form posts;
  // "null" proves nothing either way, so such a request is judged by Sec-Fetch-Site or the token.
  const rawOrigin = c.req.header('origin');
  const origin = rawOrigin === 'null' ? undefined : rawOrigin;
  const site = c.req.header('sec-fetch-site');
  if (origin !== undefined) {
    if (!isOwnOrigin(c, origin)) throw new CsrfError('cross-origin request');
  } else if (site !== undefined) {
    if (site !== 'same-origin') throw new CsrfError('cross-site request');
  } else if (c.var.streamedBody) {
    c.set('csrfPending', true); // the token is the form's first field: streamForm checks it before the file
  } else {
    const type = c.req.header('content-type') ?? '';
    const isForm = type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data');
    const form = isForm ? await c.req.parseBody().catch(() => ({}) as Record<string, unknown>) : {};
    const sent = form[CSRF_FIELD];
    if (!sameToken(typeof sent === 'string' ? sent : undefined, getCookie(c, COOKIE)))
      throw new CsrfError('missing token');
  }
  return next();
};

/** A token sent in a streamed form's fields, checked as csrfProtection checks one in a form it reads. */
export function requireFormToken(c: Context<AppEnv>, sent: string | undefined): void {
  if (!sameToken(sent, getCookie(c, COOKIE))) throw new CsrfError('missing token');
}

/** The token to put in a form's hidden field; sets the cookie the first time. */
export function csrfToken(c: Context<AppEnv>): string {
  const existing = getCookie(c, COOKIE);
  if (existing && /^[A-Za-z0-9_-]{32}$/.test(existing)) return existing;
  const token = randomBytes(24).toString('base64url');
  const secure = new URL(c.req.url).protocol === 'https:' || c.var.ctx.config.trustProxyTls;
  setCookie(c, COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/', secure });
  return token;
}
