// A missing page says so in its title too (the tab, the history, a screen reader's first words), in
// the page's language, whichever part of the site answered it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator, type Locale } from '../src/platform/i18n/index.ts';
import { addMember, addPlatformUser, newOrg, signInAs } from './helpers/accounts.ts';
import { testEnv, type TestEnv } from './helpers/context.ts';

let env: TestEnv;
let member: string;
let curator: string;

beforeAll(async () => {
  env = await testEnv();
  member = await signInAs(env, await addMember(env, await newOrg(env, 'Red de Apoyo'), 'owner'));
  curator = await signInAs(env, await addPlatformUser(env, 'curator'));
}, 60_000);
afterAll(() => env.close());

const title = (html: string) => html.match(/<title>([^<]*)<\/title>/)?.[1];

describe('404 pages', () => {
  const cases: [string, Locale, () => string | undefined][] = [
    ['/en/no-such-page', 'en', () => undefined],
    ['/es/support/no-such-mechanism', 'es', () => undefined],
    ['/fr/help/nope/nothing', 'fr', () => undefined],
    ['/ar/help/digital-attack/no-such-step', 'ar', () => undefined],
    ['/ru/orgs/zzzzzzzzzzzz/assessments', 'ru', () => member],
    ['/es/orgs/zzzzzzzzzzzz', 'es', () => member],
    ['/fr/curate/directory/no-such-mechanism', 'fr', () => curator],
    ['/ar/legislation/no-such-law', 'ar', () => undefined],
    ['/ru/legislation/QQ.atom', 'ru', () => undefined],
    ['/es/curate/legislation/no-such-law', 'es', () => curator],
  ];
  for (const [url, locale, cookie] of cases) {
    it(`${url} is titled as a missing page`, async () => {
      const res = await env.app.request(url, { headers: cookie() ? { cookie: cookie()! } : {} });
      expect(res.status).toBe(404);
      const t = translator(locale);
      const html = await res.text();
      expect(title(html)).toBe(`${t('error.notFound.title')} · ${t('site.name')}`);
      expect(html).toContain(`<h1>${t('error.notFound.title')}</h1>`);
    });
  }
});
