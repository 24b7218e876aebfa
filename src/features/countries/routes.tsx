// /{locale}/countries (the list), /{locale}/countries/{iso} (alpha-2, upper case; lower case redirects) and /{locale}/countries/compare.
import { Hono } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import { countryForecast } from './forecast-service.ts';
import { parseCompared } from './input.ts';
import { compareCountries, countryProfile, coveredCountries, listCountries } from './service.ts';
import { ComparePage } from './views/compare-page.tsx';
import { CountryPage } from './views/country-page.tsx';
import { CountryListPage } from './views/list-page.tsx';
import { countryLabel } from './views/parts.tsx';

export const countryRoutes = new Hono<AppEnv>()
  .get('/countries', async (c) => {
    const { ctx, actor, locale, t } = c.var;
    const list = await listCountries(ctx, actor);
    return c.render(<CountryListPage locale={locale} t={t} list={list} />, { title: t('countries.list.title') });
  })
  .get('/countries/compare', async (c) => {
    const { ctx, actor, locale, t } = c.var;
    const parsed = parseCompared(c.req.queries('c') ?? []);
    const codes = parsed.ok ? parsed.value : [];
    const [compared, covered] = await Promise.all([compareCountries(ctx, actor, codes), coveredCountries(ctx, actor)]);
    const forecasts = await Promise.all(compared.countries.map((x) => countryForecast(ctx, actor, x.iso2)));
    const collator = new Intl.Collator(locale);
    const choices = covered
      .map((code): [string, string] => [code, countryLabel(t, locale, code)])
      .sort((a, b) => collator.compare(a[1], b[1]));
    if (!parsed.ok) c.status(400);
    return c.render(
      <ComparePage
        locale={locale}
        t={t}
        choices={choices}
        chosen={parsed.ok ? codes : (c.req.queries('c') ?? [])}
        {...(parsed.ok ? {} : { problems: parsed.problems })}
        loaded={compared.loaded}
        countries={compared.countries}
        forecasts={forecasts}
      />,
      { title: t('countries.compare.title') },
    );
  })
  .get('/countries/:iso{[A-Za-z]{2}}', async (c) => {
    const { ctx, actor, locale, t } = c.var;
    const iso = c.req.param('iso');
    if (iso !== iso.toUpperCase()) return c.redirect(`/${locale}/countries/${iso.toUpperCase()}`, 301);
    const profile = await countryProfile(ctx, actor, iso);
    const forecast = await countryForecast(ctx, actor, iso);
    return c.render(<CountryPage locale={locale} t={t} profile={profile} forecast={forecast} />, {
      title: countryLabel(t, locale, iso),
    });
  });
