import type { AppContext } from '../../context.ts';
import type { Actor } from '../access.ts';
import type { Locale, Translate } from '../i18n/index.ts';
import type { PageCache } from './page-cache.ts';

/** Per-request variables, typed for c.var. */
export interface AppEnv {
  Variables: {
    ctx: AppContext;
    requestId: string;
    locale: Locale;
    t: Translate;
    /** Who is asking: anonymous unless a live session says otherwise (set by the accounts middleware). */
    actor: Actor;
    /** Set for GET/HEAD requests the page cache did not answer. */
    pageCache?: PageCache;
    /** An upload whose body the route reads as it arrives (platform/forms.ts streamForm), not the middleware. */
    streamedBody?: boolean;
    /** A streamed body's CSRF token is still to be checked, by streamForm, before its file is read. */
    csrfPending?: boolean;
  };
}

declare module 'hono' {
  interface ContextRenderer {
    (content: string | Promise<string>, props: { title: string; status?: number }): Response | Promise<Response>;
  }
}
