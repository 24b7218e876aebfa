// What each triage page offers beyond the question: the Back link, country lists in the reader's
// order, contacts on the cards, the OGP explanation and the way to the risk assessment.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../../tests/helpers/context.ts';
import { projectRoot } from '../../config/config.ts';
import { readMechanismFiles } from '../directory/service.ts';
import { allPaths } from './graph.ts';
import { loadFlows } from './service.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env.close());

const { records } = readMechanismFiles(path.join(projectRoot, 'data/support'));
const get = async (url: string) => {
  const res = await env.app.request(url);
  return { res, html: await res.text() };
};
const backOf = (html: string) => html.match(/<a href="([^"]+)" rel="prev">/)?.[1]?.replace(/&amp;/g, '&');
const cards = (html: string) =>
  [...html.matchAll(/<li class="card"><h3[^>]*><a href="\/[a-z]{2}\/support\/([a-z0-9-]+)"/g)].map((m) => m[1]!);

describe('the Back link', () => {
  it('is absent at the start and, from any outcome, walks back step by step to the start without JavaScript', async () => {
    expect(backOf((await get('/en/help')).html)).toBeUndefined();
    const set = loadFlows(env.ctx);
    const paths = allPaths(set.flows);
    for (const p of [paths[0]!, paths[Math.floor(paths.length / 2)]!, paths.at(-1)!]) {
      // Reach the outcome with every context question answered, as a person would.
      let url: string | undefined = `/es/help/${p.at(-1)}?who=cso&lang=es&country=ES&urgency=now`;
      const seen: string[] = [];
      for (let guard = 0; url && guard < 20; guard++) {
        const { res, html } = await get(url);
        expect(res.status, `${url} (after ${seen.join(' < ')})`).toBe(200); // never a redirect forward again
        seen.push(url);
        url = backOf(html);
      }
      expect(url, seen.join(' < ')).toBeUndefined();
      expect(seen.at(-1)).toMatch(/^\/es\/help\/start\/what(\?|$)/);
      // Each context question on the way back had its own answer taken back.
      const contexts = p.filter((k) => set.flows.get(k.split('/')[0]!)!.nodes[k.split('/')[1]!]!.type === 'context');
      for (const k of contexts)
        expect(
          seen.some((u) => u.startsWith(`/es/help/${k}`)),
          `${k} in ${seen.join(' < ')}`,
        ).toBe(true);
    }
  }, 60_000);

  it('goes back to the context question just answered, without its answer', async () => {
    const { html } = await get('/en/help/digital-attack/account-language?who=cso');
    expect(backOf(html)).toBe('/en/help/digital-attack/account-audience');
  });
});

describe('country lists', () => {
  const optionsOf = (html: string) => [...html.matchAll(/<option value="([A-Z]{2})">/g)].map((m) => m[1]!);
  it.each(['es', 'ar', 'ru'] as const)(
    'are in alphabetical order of the country names in %s, not of their codes',
    async (locale) => {
      const { html } = await get(`/${locale}/help/restrictive-law/early-country`);
      const codes = optionsOf(html);
      expect(codes.length).toBe(Object.keys(loadFlows(env.ctx).countries).length);
      const names = new Intl.DisplayNames([locale], { type: 'region' });
      const collator = new Intl.Collator(locale);
      const shown = codes.map((c) => names.of(c)!);
      expect(shown).toEqual([...shown].sort(collator.compare));
      expect(codes).not.toEqual([...codes].sort());
    },
  );
});

describe('outcome cards', () => {
  it('give the email, phone or Signal a record has, and what a fund pays for', async () => {
    const { html } = await get('/en/help/digital-attack/account-taken-over?who=cso&lang=es');
    const listed = records.filter((r) => cards(html).includes(r.id));
    const withEmail = listed.filter((r) => r.contact.email);
    expect(withEmail.length).toBeGreaterThan(0);
    for (const r of withEmail) expect(html).toContain(`href="mailto:${r.contact.email}"`);
    const frozen = await get('/en/help/frozen-funds/account-frozen?country=ES&who=cso');
    const funds = records.filter((r) => cards(frozen.html).includes(r.id) && r.eligibility?.pays);
    expect(funds.length).toBeGreaterThan(0);
    expect((frozen.html.match(/<p class="pays">/g) ?? []).length).toBe(funds.length);
  });
});

describe('a restrictive law in an OGP member country', () => {
  it('lists the OGP policies near the top and explains the three-month rule; not where OGP does not apply', async () => {
    const member = await get('/en/help/restrictive-law/law-vote-close?country=GE&who=cso');
    expect(cards(member.html).slice(0, 3)).toEqual(
      expect.arrayContaining(['ogp-rapid-response-protocol', 'ogp-response-policy']),
    );
    expect(member.html).toContain('id="ogp-rules"');
    expect(member.html).toMatch(/three months/);
    const elsewhere = await get('/en/help/restrictive-law/law-vote-close?country=RU&who=cso');
    expect(cards(elsewhere.html).filter((id) => id.startsWith('ogp-'))).toEqual([]);
    // Another policy mechanism (the UN's) is listed there, and does not bring OGP's rules with it.
    expect(cards(elsewhere.html)).toContain('un-special-procedures-communications');
    expect(elsewhere.html).not.toContain('id="ogp-rules"');
    const es = await get('/es/help/restrictive-law/law-early?country=BR&who=cso');
    expect(es.html).toContain('id="ogp-rules"');
  });
});

describe('prepare outcomes', () => {
  it('point to where a member starts the risk assessment, and no longer say it is coming', async () => {
    const set = loadFlows(env.ctx);
    const prepare = Object.entries(set.flows.get('prepare')!.nodes).filter(([, n]) => n.type === 'outcome');
    for (const [id] of prepare) {
      const { html } = await get(`/fr/help/prepare/${id}?who=cso&lang=fr&country=none`);
      expect(html, id).toContain('href="/fr/login?next=%2Ffr%2Fdashboard"');
      expect(html).not.toMatch(/coming soon|bientôt disponible/i);
    }
    const signIn = await get('/fr/login?next=%2Ffr%2Fdashboard');
    expect(signIn.res.status).toBe(200);
    expect(signIn.html).toContain('action="/fr/login?next=%2Ffr%2Fdashboard"');
    const other = await get('/fr/help/digital-attack/account-taken-over?who=cso&lang=fr');
    expect(other.html).not.toContain('id="risk-assessment"');
  });
});
