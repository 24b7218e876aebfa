// Reads the session cookie once per request and sets c.var.actor. Signed-in pages are private: they
// are never stored by a cache (ours or the browser's).
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { anonymous } from '../../../platform/access.ts';
import { emptyKeys } from '../../../platform/keyring.ts';
import type { AppEnv } from '../../../platform/http/env.ts';
import { hasSessionCookie, SESSION_COOKIE } from '../session-cookie.ts';
import { openSessionKeys } from '../keys.ts';
import { resumeSession } from '../sessions.ts';
import { DEVICE_DAYS } from './devices.ts';
import { actorForSession } from './service.ts';

export const sessionActor: MiddlewareHandler<AppEnv> = async function sessionActor(c, next) {
  c.set('actor', anonymous);
  const ctx = c.var.ctx;
  // Every request gets its own key scope (an invitation or sign-up admits keys without a session); it is
  // wiped when the request ends. The fingerprinted assets are the same for everyone: long, immutable caching.
  if (!hasSessionCookie(c) || c.req.path.startsWith('/assets/')) return ctx.keyring.hold(emptyKeys(), next);
  const token = getCookie(c, SESSION_COOKIE);
  const session = await resumeSession(ctx, token);
  if (!session) deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
  const keys = session && token ? openSessionKeys(token, session.id, session.sealedKeys) : undefined;
  await ctx.keyring.hold(emptyKeys(keys?.pair), async () => {
    c.set('actor', await actorForSession(ctx, session, keys?.decoy));
    await next();
  });
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
