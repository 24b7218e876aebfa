// Middleware order, the feature routes, and the one error handler.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import { jsxRenderer } from 'hono/jsx-renderer';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { publicOrigin } from './config/config.ts';
import type { AppContext } from './context.ts';
import { directoryApi } from './features/directory/api.ts';
import { openApiDocument } from './features/directory/openapi.ts';
import { directoryRoutes } from './features/directory/routes.tsx';
import { homeRoutes } from './features/home/routes.tsx';
import { suggestionRoutes } from './features/suggestions/routes.tsx';
import { triageRoutes } from './features/triage/routes.tsx';
import { offlineRoutes } from './features/offline/routes.tsx';
import { accountRoutes } from './features/accounts/account/routes.tsx';
import { sessionActor } from './features/accounts/auth/middleware.ts';
import { authRoutes } from './features/accounts/auth/routes.tsx';
import { eraseRoutes } from './features/accounts/erase/routes.tsx';
import { invitationRoutes } from './features/accounts/invitations/routes.tsx';
import { orgPage, orgRoutes } from './features/accounts/orgs/routes.tsx';
import { carriesSession } from './features/accounts/session-cookie.ts';
import { curationRoutes } from './features/curation/routes.tsx';
import { safetyRoutes } from './features/protection/safety/routes.tsx';
import { decoyGuard } from './features/protection/decoy/routes.tsx';
import { planRoutes } from './features/assessments/plan/routes.tsx';
import { assessmentRoutes } from './features/assessments/assessment/routes.tsx';
import { scenarioRoutes } from './features/assessments/scenarios/routes.tsx';
import { remoteRoutes } from './features/protection/remote/routes.tsx';
import { monitorRoutes } from './features/monitor/routes.tsx';
import { evidenceRoutes, UPLOAD_PATH } from './features/monitor/evidence/routes.tsx';
import { monitorPublicRoutes } from './features/monitor/public/routes.tsx';
import { networkRoutes } from './features/monitor/networks/routes.tsx';
import { outputRoutes } from './features/monitor/outputs/routes.tsx';
import { intakeRoutes } from './features/monitor/intake/routes.tsx';
import { caseRoutes } from './features/cases/routes.tsx';
import { countryRoutes } from './features/countries/routes.tsx';
import { followRoutes } from './features/legislation/follow-routes.tsx';
import { legislationRoutes } from './features/legislation/routes.tsx';
import { MfaRequiredError } from './platform/access.ts';
import { AppError, RateLimitedError, UnauthenticatedError } from './platform/errors.ts';
import { negotiateLocale } from './platform/i18n/index.ts';
import type { AppEnv } from './platform/http/env.ts';
import {
  localeFromPath,
  rejectNulBytes,
  requestLog,
  requestLogLine,
  securityHeaders,
  securityHeaderValues,
  streamingBodyLimit,
  strictTransport,
  trimTrailingSlash,
  withAppContext,
} from './platform/http/middleware.ts';
import { PageCache } from './platform/http/page-cache.ts';
import { multipartBoundary } from './platform/http/multipart.ts';
import { problem } from './platform/http/problem.ts';
import { csrfProtection } from './platform/security/csrf.ts';
import { assetRoutes } from './ui/assets.ts';
import { ErrorPage } from './ui/components/error-page.tsx';
import { Layout } from './ui/layout.tsx';

export const MAX_BODY_BYTES = 64 * 1024;

class PayloadTooLargeError extends AppError {
  override name = 'PayloadTooLargeError';
  override readonly status: number = 413;
  override readonly messageKey: string = 'error.tooLarge';
}

export function createApp(ctx: AppContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // Answers cache hits whole, security headers included; never for a request that carries a session.
  const pageCache = new PageCache({ bypass: carriesSession, headers: securityHeaderValues(ctx.config) });
  app.use(withAppContext(ctx));
  app.use(requestLog(ctx));
  app.use(pageCache.serveHits());
  app.use(securityHeaders);
  if (publicOrigin(ctx.config).startsWith('https:')) app.use(strictTransport);
  app.use(localeFromPath);
  app.use(sessionActor);
  app.use(jsxRenderer(({ children, title }) => Layout({ title, children }), { docType: true }));
  app.use(compress({ threshold: 1024 }));
  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new PayloadTooLargeError('body too large');
      },
    });
  const small = limit(MAX_BODY_BYTES);
  // Evidence uploads only, from someone signed in: the file and the form around it, read by the route as
  // they arrive (never whole in memory), so the middleware below leaves their body alone.
  const upload = streamingBodyLimit(
    ctx.config.monitorMaxUpload + MAX_BODY_BYTES,
    () => new PayloadTooLargeError('body too large'),
  );
  app.use((c, next) => {
    const streamed =
      c.req.method === 'POST' &&
      c.var.actor.kind !== 'anonymous' &&
      UPLOAD_PATH.test(c.req.path) &&
      multipartBoundary(c.req.header('content-type') ?? '') !== null;
    if (streamed) c.set('streamedBody', true);
    return streamed ? upload(c, next) : small(c, next);
  });
  app.use(rejectNulBytes);
  app.use(csrfProtection);
  app.use(trimTrailingSlash);

  app.route('/', assetRoutes);
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.get('/api/openapi.json', (c) => c.json(openApiDocument()));
  app.route('/api', directoryApi);

  app.get('/', (c) => {
    c.header('vary', 'accept-language');
    return c.redirect(`/${negotiateLocale(c.req.header('accept-language'))}`, 302);
  });
  const pages = new Hono<AppEnv>();
  const features = [
    homeRoutes,
    suggestionRoutes,
    triageRoutes,
    offlineRoutes,
    directoryRoutes,
    authRoutes,
    invitationRoutes(orgPage),
    accountRoutes,
    safetyRoutes,
    orgRoutes,
    eraseRoutes,
    curationRoutes,
    assessmentRoutes,
    planRoutes,
    scenarioRoutes,
    remoteRoutes,
    monitorRoutes,
    evidenceRoutes,
    monitorPublicRoutes,
    networkRoutes,
    outputRoutes,
    intakeRoutes,
    caseRoutes,
    countryRoutes,
    legislationRoutes,
    followRoutes,
  ];
  // A duress sign-in's session sees only an empty workspace (docs/decisions/0016).
  pages.use(decoyGuard);
  for (const routes of features) pages.route('/', routes);
  app.route('/:locale{(?:en|es|fr|ar|ru)}', pages);

  app.notFound((c) => respondWithError(c, 404, 'error.notFound'));
  app.onError((error, c) => {
    if (error instanceof AppError) {
      const page = !c.req.path.startsWith('/api/');
      if (page && error instanceof UnauthenticatedError) {
        const next = new URL(c.req.url);
        return c.redirect(`/${c.var.locale}/login?next=${encodeURIComponent(next.pathname + next.search)}`, 303);
      }
      if (page && error instanceof MfaRequiredError)
        return c.redirect(`/${c.var.locale}/account/two-factor?required`, 303);
      if (error instanceof RateLimitedError) c.header('retry-after', String(error.retryAfterSeconds));
      return respondWithError(c, error.status as ContentfulStatusCode, error.messageKey);
    }
    if (error instanceof HTTPException && error.status < 500) {
      return respondWithError(c, error.status, error.status === 404 ? 'error.notFound' : 'error.badRequest');
    }
    ctx.logger.error(
      { reqId: c.var.requestId, err: { name: error.name, message: error.message, stack: error.stack } },
      'unhandled error',
    );
    return respondWithError(c, 500, 'error.generic');
  });
  // A GET page cache hit is answered before Hono routes the request; everything else goes through it.
  const routed = app.fetch;
  const logLine = requestLogLine(ctx);
  app.fetch = async (request, ...rest) => (await pageCache.answer(request, ctx, logLine)) ?? routed(request, ...rest);
  return app;
}

/**
 * A problem document under /api, a friendly page elsewhere; never a stack trace. A missing page is
 * titled as one, however it was found missing (no route, or a service's NotFoundError).
 */
function respondWithError(
  c: Context<AppEnv>,
  status: ContentfulStatusCode,
  messageKey: string,
  titleKey = status === 404 ? 'error.notFound.title' : 'error.title',
) {
  const t = c.var.t;
  if (c.req.path.startsWith('/api/')) return problem(c, status, t(titleKey, {}), t(messageKey, {}));
  c.status(status);
  return c.render(
    ErrorPage({
      heading: t(titleKey),
      message: t(messageKey),
      homeHref: `/${c.var.locale}`,
      homeLabel: t('error.home'),
    }),
    {
      title: t(titleKey),
    },
  );
}
