// Reads the session cookie once per request and sets c.var.actor. Signed-in pages are private: they
// are never stored by a cache (ours or the browser's).
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { anonymous } from '../../../platform/access.ts';
import type { AppEnv } from '../../../platform/http/env.ts';
import { hasSessionCookie, SESSION_COOKIE } from '../session-cookie.ts';
import { resumeSession } from '../sessions.ts';
import { DEVICE_DAYS } from './devices.ts';
import { actorForSession } from './service.ts';

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
