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
  };
}

declare module 'hono' {
  interface ContextRenderer {
    (content: string | Promise<string>, props: { title: string; status?: number }): Response | Promise<Response>;
  }
}
