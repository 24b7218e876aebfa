// The fence around a duress sign-in's decoy (docs/decisions/0016). Its session holds no keys; the few
// pages an empty workspace has (the dashboard, the organisation's members, assessments, plan and
// what-if cards, the account and safety pages) render through their own routes, whose services answer a
// decoy actor with nothing. Everything else an organisation has answers "not found", as a newly created
// one would, and every form is answered as if it had worked, without touching anything.
import type { MiddlewareHandler } from 'hono';
import { isDecoy } from '../../../platform/access.ts';
import type { AppEnv } from '../../../platform/http/env.ts';

/** The pages of an empty organisation. */
const ORG_PAGES = new Set(['', '/assessments', '/plan', '/scenarios', '/erase']);
/** Forms that still work: signing in again, and out. */
const LIVE_FORMS = new Set(['/login', '/login/code', '/logout']);
/** Pages outside organisations that read or write what the decoy must not touch. */
const CLOSED = /^\/(recover|curate|invitations)(\/|$)/;

/** Where a form in the decoy sends the browser: the page it was on, as after a successful save. */
function pageOf(path: string): string {
  const org = /^(\/orgs\/[^/]+(?:\/(?:assessments|plan|scenarios))?)/.exec(path);
  if (org) return org[1]!;
  if (path.startsWith('/account/safety')) return '/account/safety';
  return path.startsWith('/account') ? '/account' : '/dashboard';
}

export const decoyGuard: MiddlewareHandler<AppEnv> = async function decoyGuard(c, next) {
  const { actor, locale } = c.var;
  if (!isDecoy(actor) || actor.kind !== 'user') return next();
  const path = c.req.path.slice(locale.length + 1);
  if (c.req.method === 'POST') {
    if (LIVE_FORMS.has(path)) return next();
    return c.redirect(`/${locale}${pageOf(path)}`, 303);
  }
  const org = /^\/orgs\/([^/]+)(.*)$/.exec(path);
  if (org && (org[1] !== actor.decoy?.org?.id || !ORG_PAGES.has(org[2]!))) return c.notFound();
  if (CLOSED.test(path)) return c.notFound();
  return next();
};
