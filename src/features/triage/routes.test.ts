import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { testEnv, type TestEnv } from '../../../tests/helpers/context.ts';
import { allPaths, nodeAt, type NodeKey } from './graph.ts';
import { loadFlows } from './service.ts';
import { readState, stateQuery } from './input.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env.close());

const ANSWERS = { audience: 'cso', language: 'es', country: 'ES', urgency: 'now' } as const;
const href = (locale: string, key: NodeKey, query: string) =>
  `/${locale}/help/${key.replace('/', '/')}${query}`.replace(/&/g, '&amp;');

/** The node a link from path[step] leads to: the next one not a context question already answered. */
function nextShown(path: NodeKey[], step: number, state: ReturnType<typeof readState>): NodeKey {
  const set = loadFlows(env.ctx);
  for (let k = step + 1; k < path.length; k++) {
    const n = nodeAt(set.flows, path[k]!)!;
    if (!(n.node.type === 'context' && state.answered[n.node.field])) return path[k]!;
  }
  return path.at(-1)!;
}

async function get(url: string) {
  const res = await env.app.request(url);
  return { res, html: await res.text() };
}

describe('walking every path of every flow', () => {
  it('reaches an outcome with referrals, or says plainly that none fits', async () => {
    const set = loadFlows(env.ctx);
    const paths = allPaths(set.flows);
    expect(paths.length).toBeGreaterThan(20);
    for (const [i, path] of paths.entries()) {
      const locale = i % 2 === 0 ? 'es' : 'en';
      let state = readState(new URLSearchParams());
      let { res, html } = await get(`/${locale}/help`);
      for (let step = 0; step < path.length - 1; step++) {
        expect(res.status, `${path.join(' > ')} at ${path[step]}`).toBe(200);
        const at = nodeAt(set.flows, path[step]!)!;
        if (at.node.type === 'context') {
          if (state.answered[at.node.field]) continue; // asked once: the links already skipped it
          const add = { field: at.node.field, value: ANSWERS[at.node.field] };
          const next = stateQuery(state, add);
          state = readState(new URLSearchParams(next));
          // The link skips context questions answered already.
          const target = nextShown(path, step, state);
          if (at.node.field === 'country') {
            expect(html).toContain('<select id="country" name="country">');
          } else {
            expect(html, `${path[step]} offers ${add.value}`).toContain(`href="${href(locale, target, next)}"`);
          }
          ({ res, html } = await get(`/${locale}/help/${target}${next}`));
          continue;
        }
        const target = nextShown(path, step, state);
        const link = href(locale, target, stateQuery(state));
        expect(html, `${path[step]} links to ${target}`).toContain(`href="${link}"`);
        ({ res, html } = await get(link.replace(/&amp;/g, '&')));
      }
      expect(res.status, path.join(' > ')).toBe(200);
      expect(html).toContain('id="referrals"');
      expect(
        /<ol class="results referrals"><li class="card">/.test(html) || html.includes('id="no-match"'),
        path.join(' > '),
      ).toBe(true);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  }, 120_000);
});

describe('/help', () => {
  it('asks each context question once, even across flows, and keeps answers only in the URL', async () => {
    const before = await env.ctx.db
      .selectFrom('suggestions')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    const res = await env.app.request(
      '/en/help/digital-attack/' +
        Object.keys(loadFlows(env.ctx).flows.get('digital-attack')!.nodes).find(
          (id) => loadFlows(env.ctx).flows.get('digital-attack')!.nodes[id]!.type === 'context',
        ) +
        '?who=cso&lang=es&urgency=now&country=none',
    );
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(
      /^\/en\/help\/digital-attack\/[a-z0-9-]+\?who=cso&lang=es&country=none&urgency=now$/,
    );
    const after = await env.ctx.db
      .selectFrom('suggestions')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    expect(after).toEqual(before);
  });

  it('answers an unknown step with 404 and tampered answers without failing', async () => {
    expect((await env.app.request('/en/help/digital-attack/no-such-node')).status).toBe(404);
    expect((await env.app.request('/en/help/nope/nothing')).status).toBe(404);
    expect((await env.app.request('/en/help?who=%3Cscript%3E&lang=xx-YY')).status).toBe(200);
  });

  it('shows English, marked as such, where a flow is not translated', async () => {
    // A copy of the curated data in which one flow keeps only English and Spanish, so the test does not
    // depend on which real flows are translated yet.
    const seedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-seed-'));
    fs.cpSync(env.ctx.config.seedDir, seedDir, { recursive: true });
    const file = path.join(seedDir, 'triage', 'physical-threats.yaml');
    const onlyEnEs = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(onlyEnEs)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .filter(([k]) => !(typeof (v as { en?: unknown }).en === 'string' && !['en', 'es'].includes(k)))
                .map(([k, x]) => [k, onlyEnEs(x)]),
            )
          : v;
    const flow = onlyEnEs(YAML.parse(fs.readFileSync(file, 'utf8'))) as { locales: string[]; start: string };
    fs.writeFileSync(file, YAML.stringify({ ...flow, locales: ['en', 'es'] }));
    const other = await testEnv({ config: { seedDir } });
    try {
      const res = await other.app.request(`/ar/help/physical-threats/${flow.start}`);
      const html = await res.text();
      expect(res.status).toBe(200);
      expect(html).toContain('dir="rtl"');
      expect(html).toMatch(/<p class="notice">[^<]+<\/p>/);
      expect(html).toContain('<span lang="en" dir="ltr">');
      // The same step of a flow that declares Arabic shows no English and no notice.
      const translated = await (await env.app.request(`/ar/help/physical-threats/${flow.start}`)).text();
      expect(loadFlows(env.ctx).flows.get('physical-threats')!.locales).toContain('ar');
      expect(translated).not.toMatch(/<p class="notice">[^<]+<\/p>/);
      expect(translated).not.toContain('<span lang="en" dir="ltr">');
    } finally {
      await other.close();
      fs.rmSync(seedDir, { recursive: true, force: true });
    }
  });
});
