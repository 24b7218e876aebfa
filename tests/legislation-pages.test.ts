// The legislation tracker's pages and feed (features/legislation) through app.request, as a browser
// without JavaScript, over the shipped data/legislation files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, addPlatformUser, newOrg, signInAs } from './helpers/accounts.ts';
import { postForm, testEnv, type TestEnv } from './helpers/context.ts';
import { pageReader } from './helpers/pages.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
}, 60_000);
afterAll(async () => {
  await env.close();
});

const { get, page } = pageReader(() => env);
const entryLinks = (html: string) => [...html.matchAll(/href="\/en\/legislation\/([a-z0-9-]+)"/g)].map((m) => m[1]);

describe('the legislation list', () => {
  it('lists every entry, newest change first', async () => {
    const ids = entryLinks(await page('/en/legislation'));
    expect(ids.length).toBeGreaterThanOrEqual(14);
    // Hungary's 2017 law changed last in 2021 (repealed); Slovakia's 2025 law in May 2025.
    expect(ids.indexOf('sk-ngo-law-2025')).toBeLessThan(ids.indexOf('hu-foreign-funded-ngo-law-2017'));
    expect(ids.indexOf('hu-foreign-funded-ngo-law-2017')).toBeLessThan(ids.indexOf('ru-foreign-agents-law-2012'));
  });

  it('filters by country and by kind, and keeps the choice in the form', async () => {
    const hu = await page('/en/legislation?country=HU');
    expect(entryLinks(hu).sort()).toEqual(['hu-foreign-funded-ngo-law-2017', 'hu-sovereignty-protection-law-2023']);
    expect(hu).toMatch(/<option value="HU" selected="">Hungary<\/option>/);
    const registration = entryLinks(await page('/en/legislation?kind=registration'));
    expect(registration).toContain('et-civil-society-proclamation-2019');
    expect(registration).not.toContain('ge-foreign-influence-law-2024');
    expect(await page('/en/legislation?country=HU&kind=registration')).toContain('No entries match these filters.');
  });

  it('answers 400 to a malformed filter', async () => {
    await page('/en/legislation?kind=bogus', 400);
    await page('/en/legislation?country=hungary', 400);
  });

  it('is translated, right to left in Arabic', async () => {
    const ar = await page('/ar/legislation?country=GE');
    expect(ar).toContain('متابعة التشريعات');
    expect(ar).toContain('dir="rtl"');
    expect(await page('/fr/legislation')).toContain('Suivi législatif');
  });
});

describe('an entry page', () => {
  it('shows the stage, the history as a timeline with its sources, and the summary', async () => {
    const html = await page('/en/legislation/hu-foreign-funded-ngo-law-2017');
    expect(html).toContain(
      '<h1 lang="en">Act LXXVI of 2017 on the Transparency of Organisations Supported from Abroad</h1>',
    );
    expect(html).toMatch(/<time datetime="2020-06-18">June 18, 2020<\/time>:\s*<strong>Struck down<\/strong>/);
    expect(html).toContain('href="https://helsinki.hu/en/information-note-on-hungarys-lex-ngo-2021"');
    expect(html).toContain('<strong>Repealed</strong>');
    expect(html).toContain('lang="hu"');
  });

  it('gives the summary in the reader language when written, else English marked as such', async () => {
    expect(await page('/fr/legislation/hu-foreign-funded-ngo-law-2017')).toContain('Adoptée le 13 juin 2017');
    const ar = await page('/ar/legislation/ge-foreign-influence-law-2024');
    expect(ar).toMatch(/<p lang="en" dir="ltr">Passed in third reading/);
  });

  it('answers 404 for an unknown entry', async () => {
    await page('/en/legislation/no-such-law', 404);
  });
});

describe('the country feed', () => {
  it('is an Atom feed of stage changes, newest first, the same on every request', async () => {
    const res = await get('/en/legislation/HU.atom');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/atom+xml');
    const body = await res.text();
    expect(body).toContain('<updated>2023-12-12T00:00:00Z</updated>');
    const titles = [...body.matchAll(/<entry>\s*<id>[^<]+<\/id>\s*<title>([^<]+)<\/title>/g)].map((m) => m[1]);
    expect(titles).toEqual([
      'Act LXXXVIII of 2023 on the Protection of National Sovereignty: Enacted',
      'Act LXXVI of 2017 on the Transparency of Organisations Supported from Abroad: Repealed',
      'Act LXXVI of 2017 on the Transparency of Organisations Supported from Abroad: Struck down',
      'Act LXXVI of 2017 on the Transparency of Organisations Supported from Abroad: Enacted',
    ]);
    expect(await (await get('/en/legislation/HU.atom')).text()).toBe(body);
  });

  it('is empty (and dated to the epoch) for a known country without entries, 404 for an unknown code', async () => {
    const empty = await page('/en/legislation/FR.atom');
    expect(empty).toContain('<updated>1970-01-01T00:00:00.000Z</updated>');
    expect(empty).not.toContain('<entry>');
    await page('/en/legislation/QQ.atom', 404);
    const res = await get('/en/legislation/hu.atom');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/en/legislation/HU.atom');
  });
});

describe('the country page', () => {
  it('has a Legislation section with the entries for that country', async () => {
    const html = await page('/en/countries/GE');
    expect(html).toContain('<h2>Legislation tracker</h2>');
    expect(html).toContain('href="/en/legislation/ge-foreign-influence-law-2024"');
    expect(html).toContain('href="/en/legislation/GE.atom"');
    expect(await page('/en/countries/FR')).toContain('The tracker has no legislation entries for France yet.');
  });
});

describe('a curator edit', () => {
  it('checks the entry against the schema, keeps a valid edit in place of the file, and is for curators only', async () => {
    const url = '/en/curate/legislation/sv-foreign-agents-bill-2021';
    const curator = await signInAs(env, await addPlatformUser(env, 'curator'));
    const editor = await env.app.request(url, { headers: { cookie: curator } });
    expect(editor.status).toBe(200);
    const yaml = (await editor.text()).match(/<textarea[^>]*>([\s\S]*?)<\/textarea>/)![1]!.replaceAll('&quot;', '"');
    expect(yaml).toContain('stage: shelved');
    // A current stage the history does not reach is refused, and the page shows why.
    const refused = await postForm(
      env,
      url,
      { yaml: yaml.replace('stage: shelved', 'stage: enacted') },
      { cookie: curator },
    );
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('must be the last stage of the history (shelved)');
    // A valid edit replaces the shipped entry everywhere it is shown.
    const edited = yaml.replace(/en: Foreign Agents Bill \(2021 initiative\)/, 'en: Foreign Agents Bill of 2021');
    const saved = await postForm(env, url, { yaml: edited }, { cookie: curator });
    expect(saved.status).toBe(303);
    expect(await page('/en/legislation/sv-foreign-agents-bill-2021')).toContain(
      '<h1 lang="en">Foreign Agents Bill of 2021</h1>',
    );
    expect(await page('/en/legislation/SV.atom')).toContain('Foreign Agents Bill of 2021: Shelved');
    const member = await signInAs(env, await addMember(env, await newOrg(env), 'owner'));
    expect((await env.app.request(url, { headers: { cookie: member } })).status).toBe(403);
  });
});
