import type { Child } from 'hono/jsx';
import { useRequestContext } from 'hono/jsx-renderer';
import { direction, LOCALE_NAMES, LOCALES, type Locale } from '../platform/i18n/index.ts';
import type { AppEnv } from '../platform/http/env.ts';
import { csrfToken } from '../platform/security/csrf.ts';
import { assetUrl } from './assets.ts';
import { PostForm } from './components/form.tsx';

/** The same path and query in another language (the language switcher keeps page and filters). */
export function pathInLocale(path: string, search: string, target: Locale): string {
  const rest = path.replace(/^\/(en|es|fr|ar|ru)(?=\/|$)/, '');
  const hadLocale = rest !== path;
  return hadLocale ? `/${target}${rest}${search}` : `/${target}`;
}

export function Layout({ title, children }: { title: string; children?: Child }) {
  const c = useRequestContext<AppEnv>();
  const { locale, t } = c.var;
  const url = new URL(c.req.url);
  const signedIn = c.var.actor?.kind === 'user';
  const here = (path: string) => (url.pathname === path ? { 'aria-current': 'page' as const } : {});
  return (
    <html lang={locale} dir={direction(locale)}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${title} · ${t('site.name')}`}</title>
        <link rel="stylesheet" href={assetUrl['app.css']} />
        <link rel="icon" href={assetUrl['icon.svg']} type="image/svg+xml" />
        <script src={assetUrl['quick-exit.js']} defer />
      </head>
      <body>
        <a class="skip" href="#main">
          {t('nav.skip')}
        </a>
        <header class="site-bar">
          <div class="wrap">
            <a class="brand" href={`/${locale}`}>
              {t('site.name')}
            </a>
            <a class="exit" id="quick-exit" href={c.var.ctx.config.exitUrl} rel="noreferrer" title={t('exit.hint')}>
              {t('exit.label')}
            </a>
          </div>
        </header>
        <div class="site-nav">
          <div class="wrap">
            <nav aria-label={t('nav.main')}>
              <ul>
                <li>
                  <a href={`/${locale}`} {...here(`/${locale}`)}>
                    {t('nav.home')}
                  </a>
                </li>
                <li>
                  <a href={`/${locale}/help`} {...here(`/${locale}/help`)}>
                    {t('nav.help')}
                  </a>
                </li>
                <li>
                  <a href={`/${locale}/support`} {...here(`/${locale}/support`)}>
                    {t('nav.support')}
                  </a>
                </li>
                <li>
                  <a href={`/${locale}/countries`} {...here(`/${locale}/countries`)}>
                    {t('nav.countries')}
                  </a>
                </li>
                <li>
                  <a href={`/${locale}/monitor`} {...here(`/${locale}/monitor`)}>
                    {t('nav.monitor')}
                  </a>
                </li>
                <li>
                  <a href={`/${locale}/support/suggest`} {...here(`/${locale}/support/suggest`)}>
                    {t('nav.suggest')}
                  </a>
                </li>
                {signedIn ? (
                  <>
                    <li>
                      <a href={`/${locale}/dashboard`} {...here(`/${locale}/dashboard`)}>
                        {t('nav.dashboard')}
                      </a>
                    </li>
                    <li>
                      <PostForm action={`/${locale}/logout`} csrf={csrfToken(c)} class="inline">
                        <button class="link-button" type="submit">
                          {t('nav.signOut')}
                        </button>
                      </PostForm>
                    </li>
                  </>
                ) : (
                  <li>
                    <a href={`/${locale}/login`} {...here(`/${locale}/login`)}>
                      {t('nav.signIn')}
                    </a>
                  </li>
                )}
              </ul>
            </nav>
            <nav class="langs" aria-label={t('lang.label')}>
              <ul>
                {LOCALES.map((l) => (
                  <li>
                    <a
                      href={pathInLocale(url.pathname, url.search, l)}
                      lang={l}
                      hreflang={l}
                      {...(l === locale ? { 'aria-current': 'true' as const } : {})}
                    >
                      {LOCALE_NAMES[l]}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </div>
        <main id="main" class="wrap" tabindex={-1}>
          {children}
        </main>
        <footer>
          <div class="wrap">
            <p>{t('footer.privacy')}</p>
            <p>{t('footer.sources')}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}
