// Reads the session cookie once per request and sets c.var.actor. Signed-in pages are private: they
// are never stored by a cache (ours or the browser's).
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { anonymous } from '../../../platform/access.ts';
import type { AppEnv } from '../../../platform/http/env.ts';
import { DEVICE_DAYS } from './devices.ts';
import { actorForSession } from './service.ts';
import { resumeSession } from '../sessions.ts';

/** `__Host-`: only ever set by this host, over a secure channel, for the whole site (RFC 6265bis). */
export const SESSION_COOKIE = '__Host-amparo_session';

/** Whether a Cookie header carries a session cookie (valid or not). */
export function carriesSession(cookieHeader: string | null | undefined): boolean {
  return (cookieHeader ?? '').includes(`${SESSION_COOKIE}=`);
}

export function hasSessionCookie(c: Context): boolean {
  return carriesSession(c.req.header('cookie'));
}

export const sessionActor: MiddlewareHandler<AppEnv> = async function sessionActor(c, next) {
  c.set('actor', anonymous);
  // The fingerprinted assets are the same for everyone: they keep their long, immutable caching.
  if (!hasSessionCookie(c) || c.req.path.startsWith('/assets/')) return next();
  const ctx = c.var.ctx;
  const session = await resumeSession(ctx, getCookie(c, SESSION_COOKIE));
  if (!session) deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
  c.set('actor', await actorForSession(ctx, session));
  await next();
  c.header('cache-control', 'no-store');
};

/** Secure even on plain-HTTP loopback and .onion addresses, which browsers treat as secure contexts. */
export function setSessionCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, SESSION_COOKIE, token, { path: '/', secure: true, httpOnly: true, sameSite: 'Strict' });
}

/** A trusted device (decision 0009): kept across browser restarts, ended by signing out (Clear-Site-Data). */
export const DEVICE_COOKIE = '__Host-amparo_device';

export function deviceToken(c: Context<AppEnv>): string | undefined {
  return getCookie(c, DEVICE_COOKIE);
}

export function setDeviceCookie(c: Context<AppEnv>, token: string | undefined): void {
  if (token)
    setCookie(c, DEVICE_COOKIE, token, {
      path: '/',
      secure: true,
      httpOnly: true,
      sameSite: 'Strict',
      maxAge: DEVICE_DAYS * 86400,
    });
}

export function clearSession(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
  c.header('clear-site-data', '"cache", "cookies", "storage"');
}
