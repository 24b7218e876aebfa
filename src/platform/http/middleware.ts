import { randomUUID } from 'node:crypto';
import { Hono, type MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { publicOrigin, type Config } from '../../config/config.ts';
import type { AppContext } from '../../context.ts';
import { ValidationError } from '../errors.ts';
import { isLocale, negotiateLocale, translator } from '../i18n/index.ts';
import type { AppEnv } from './env.ts';

/**
 * Gives each request an id and logs one line when it ends: method, the matched route pattern
 * (never the raw path or query, which may hold search words or ids), status and duration.
 * No IP address, user agent or body is ever read here.
 */
export type RequestLogLine = (reqId: string, method: string, route: string, status: number, ms: number) => void;

/** Writes the one line a request leaves in the log (also for page cache hits answered before the app). */
export function requestLogLine(ctx: AppContext): RequestLogLine {
  // The line's shape is fixed and holds nothing to redact; skipping redaction here saved a tenth of a
  // cached page's cost. Every other log call keeps the root logger's redaction.
  const log = ctx.logger.child({}, { redact: [] });
  return (reqId, method, route, status, ms) => log.info({ reqId, method, route, status, ms }, 'request');
}

/** Gives every request the application's context (c.var.ctx). */
export function withAppContext(ctx: AppContext): MiddlewareHandler<AppEnv> {
  return async function withAppContext(c, next) {
    c.set('ctx', ctx);
    await next();
  };
}

export function requestLog(ctx: AppContext): MiddlewareHandler<AppEnv> {
  const line = requestLogLine(ctx);
  return async function requestLog(c, next) {
    const started = performance.now();
    c.set('requestId', randomUUID());
    await next();
    line(c.var.requestId, c.req.method, c.req.routePath, c.res.status, Math.round(performance.now() - started));
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
  // Sent only when the public origin is https (strictTransport below): never over plain http.
  strictTransportSecurity: false,
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
  (
    await new Hono()
      .use(securityHeaders)
      .get('/', (c) => c.body(null, 204))
      .request('/')
  ).headers,
);

export const HSTS = 'max-age=31536000; includeSubDomains';

/** The security headers for this server's answers: HSTS too when its public origin is https. */
export function securityHeaderValues(
  config: Pick<Config, 'publicUrl' | 'host' | 'port'>,
): Readonly<Record<string, string>> {
  return publicOrigin(config).startsWith('https:')
    ? { ...SECURITY_HEADERS, 'strict-transport-security': HSTS }
    : SECURITY_HEADERS;
}

/** Strict-Transport-Security, for a server whose public origin is https. */
export const strictTransport: MiddlewareHandler<AppEnv> = async function strictTransport(c, next) {
  await next();
  c.header('strict-transport-security', HSTS);
};

/**
 * A GET for a path with a trailing slash that matched nothing goes to the path without it, on the
 * configured public origin (Hono's own middleware builds the target from the Host header).
 */
export const trimTrailingSlash: MiddlewareHandler<AppEnv> = async function trimTrailingSlash(c, next) {
  await next();
  const path = c.req.path;
  if (
    c.res.status !== 404 ||
    (c.req.method !== 'GET' && c.req.method !== 'HEAD') ||
    path === '/' ||
    !path.endsWith('/')
  )
    return;
  const url = new URL(c.req.url);
  c.res = c.redirect(`${publicOrigin(c.var.ctx.config)}${url.pathname.slice(0, -1)}${url.search}`, 301);
};

const NUL = '\u0000';

function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes(NUL);
  if (Array.isArray(value)) return value.some(holdsNul);
  return false; // an uploaded file's bytes are its own business
}

/**
 * A NUL character is never valid input (PostgreSQL cannot even store it in text): refused as bad input,
 * before any route or query sees it, in the path, the query, or any url-encoded or multipart form field
 * and its name. Runs after the body limit, so reading the form is bounded.
 */
export const rejectNulBytes: MiddlewareHandler<AppEnv> = async function rejectNulBytes(c, next) {
  const url = c.req.url;
  // "%00" has no letters, so no case to fold; a raw NUL would have been percent-encoded by the URL parser.
  if (url.includes('%00') || url.includes(NUL))
    throw new ValidationError({ request: { key: 'validation.nulCharacter' } });
  // A streamed upload's fields are checked by streamForm as they arrive.
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && !c.var.streamedBody) {
    const type = c.req.header('content-type') ?? '';
    if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
      const form = await c.req.parseBody({ all: true }).catch(() => ({}) as Record<string, unknown>);
      for (const [name, value] of Object.entries(form)) {
        if (name.includes(NUL) || holdsNul(value))
          throw new ValidationError({ form: { key: 'validation.nulCharacter' } });
      }
    }
  }
  await next();
};

/** For routes under /:locale: sets the locale and translator. */
export const localeFromPath: MiddlewareHandler<AppEnv> = async function localeFromPath(c, next) {
  const segment = c.req.path.split('/')[1];
  const locale = isLocale(segment) ? segment : negotiateLocale(c.req.header('accept-language'));
  c.set('locale', locale);
  c.set('t', translator(locale));
  await next();
};

/**
 * A body limit that never holds the body (hono/body-limit reads a body without Content-Length whole into
 * memory before the route sees it): a declared length past `maxSize` is refused at once, and a body without
 * one is counted as the route reads it, failing with `tooLarge()` at the first byte past the limit.
 */
export function streamingBodyLimit(maxSize: number, tooLarge: () => Error): MiddlewareHandler<AppEnv> {
  return async function streamingBodyLimit(c, next) {
    const body = c.req.raw.body;
    if (!body) return next();
    const declared = c.req.header('content-length');
    if (declared !== undefined && !c.req.header('transfer-encoding')) {
      if (Number(declared) > maxSize) throw tooLarge();
      return next();
    }
    let size = 0;
    const counted = body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          size += chunk.length;
          if (size > maxSize) controller.error(tooLarge());
          else controller.enqueue(chunk);
        },
      }),
    );
    c.req.raw = new Request(c.req.raw, { body: counted, duplex: 'half' } as RequestInit);
    return next();
  };
}
