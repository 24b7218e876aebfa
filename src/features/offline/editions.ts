// The offline editions this process has built: one file per locale, kept while the directory revision
// it was built from is the current one. One per AppContext (src/context.ts builds it).
import type { Locale } from '../../platform/i18n/locales.ts';

export interface OfflineEditions {
  /** The locale's file at this revision: built by `build` the first time it is asked for, then kept. */
  file(locale: Locale, revision: string, build: () => Promise<string>): Promise<string>;
}

export function createOfflineEditions(): OfflineEditions {
  const held = new Map<Locale, { revision: string; html: Promise<string> }>();
  return {
    file(locale, revision, build) {
      const hit = held.get(locale);
      if (hit?.revision === revision) return hit.html;
      const html = build();
      const entry = { revision, html };
      held.set(locale, entry);
      // A failed build is not kept: the next request tries again.
      html.catch(() => {
        if (held.get(locale) === entry) held.delete(locale);
      });
      return html;
    },
  };
}
