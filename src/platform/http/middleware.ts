import { randomUUID } from 'node:crypto';
import { Hono, type MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppContext } from '../../context.ts';
import { isLocale, negotiateLocale, translator } from '../i18n/index.ts';
import type { AppEnv } from './env.ts';

/**
 * Gives each request an id and logs one line when it ends: method, the matched route pattern
 * (never the raw path or query, which may hold search words or ids), status and duration.
 * No IP address, user agent or body is ever read here.
 */
export function requestLog(ctx: AppContext): MiddlewareHandler<AppEnv> {
  // The line's shape is fixed and holds nothing to redact; skipping redaction here saved a tenth of a
  // cached page's cost. Every other log call keeps the root logger's redaction.
  const log = ctx.logger.child({}, { redact: [] });
  return async function requestLog(c, next) {
    const started = performance.now();
    c.set('ctx', ctx);
    c.set('requestId', randomUUID());
    await next();
    log.info(
      { reqId: c.var.requestId, method: c.req.method, route: c.req.routePath, status: c.res.status, ms: Math.round(performance.now() - started) },
      'request',
    );
  };
}

export const securityHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'"],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    objectSrc: ["'none'"],
  },
  referrerPolicy: 'no-referrer',
  xFrameOptions: 'DENY',
  crossOriginResourcePolicy: 'same-origin',
  crossOriginOpenerPolicy: 'same-origin',
  permissionsPolicy: {
    camera: [],
    microphone: [],
    geolocation: [],
    payment: [],
    usb: [],
    browsingTopics: [],
    interestCohort: [],
  } as Record<string, []>,
});

/**
 * The exact headers securityHeaders adds, read once by running it, for responses built without the
 * middleware chain (page cache hits), so both paths send the same policy.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.fromEntries(
  (await new Hono().use(securityHeaders).get('/', (c) => c.body(null, 204)).request('/')).headers,
);

/** For routes under /:locale: sets the locale and translator. */
export const localeFromPath: MiddlewareHandler<AppEnv> = async function localeFromPath(c, next) {
  const segment = c.req.path.split('/')[1];
  const locale = isLocale(segment) ? segment : negotiateLocale(c.req.header('accept-language'));
  c.set('locale', locale);
  c.set('t', translator(locale));
  await next();
};
