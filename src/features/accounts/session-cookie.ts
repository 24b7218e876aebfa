// The session cookie, set by signing in or accepting an invitation, cleared by signing out here or
// everywhere. The middleware that reads it is auth/middleware.ts.
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../../platform/http/env.ts';

/** `__Host-`: only ever set by this host, over a secure channel, for the whole site (RFC 6265bis). */
export const SESSION_COOKIE = '__Host-amparo_session';

/** Whether a Cookie header carries a session cookie (valid or not). */
export function carriesSession(cookieHeader: string | null | undefined): boolean {
  return (cookieHeader ?? '').includes(`${SESSION_COOKIE}=`);
}

export function hasSessionCookie(c: Context): boolean {
  return carriesSession(c.req.header('cookie'));
}

/** Secure even on plain-HTTP loopback and .onion addresses, which browsers treat as secure contexts. */
export function setSessionCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, SESSION_COOKIE, token, { path: '/', secure: true, httpOnly: true, sameSite: 'Strict' });
}

export function clearSession(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
  c.header('clear-site-data', '"cache", "cookies", "storage"');
}
