// Closing an assessment fixes its result. With areas still unscored the owner is asked first, on a
// page that names them (no JavaScript needed); with every area scored it closes at once. The Markdown
// export shows an unscored area as not assessed, without numbers nobody gave.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, newOrg, signInAs, withOrgKey } from '../../../../tests/helpers/accounts.ts';
import { postForm, testEnv, type TestEnv } from '../../../../tests/helpers/context.ts';
import { cliOperator } from '../../../platform/access.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { pick } from '../../../platform/i18n/localized.ts';
import { getAssessment, loadLibrary } from './service.ts';

let env: TestEnv;
let orgId: string;
let owner: string;
let member: string;

beforeAll(async () => {
  env = await testEnv();
  orgId = await newOrg(env, 'Colectivo Cierre');
  owner = await signInAs(env, await addMember(env, orgId, 'owner'));
  member = await signInAs(env, await addMember(env, orgId, 'member'));
}, 60_000);
afterAll(() => env.close());

const base = () => `/en/orgs/${orgId}/assessments`;
const t = translator('en');

async function start(): Promise<string> {
  const res = await postForm(env, base(), {}, { cookie: member });
  return res.headers.get('location')!.split('/').pop()!;
}

/** Rates every question of one area in the middle of its scale. */
async function answer(id: string, domainId: string) {
  const domain = (await loadLibrary(env.ctx)).instrument.domains.find((d) => d.id === domainId)!;
  const fields: Record<string, string> = {};
  for (const q of domain.threats) Object.assign(fields, { [`${q.id}.likelihood`]: '3', [`${q.id}.impact`]: '3' });
  for (const q of [...domain.vulnerabilities, ...domain.capacities]) fields[q.id] = '2';
  expect((await postForm(env, `${base()}/${id}/domains/${domainId}`, fields, { cookie: member })).status).toBe(303);
}

const status = async (id: string) =>
  (await withOrgKey(env, orgId, () => getAssessment(env.ctx, cliOperator, orgId, id))).status;

describe('closing an assessment', () => {
  it('with areas not assessed, asks first and names them; "close anyway" closes it', async () => {
    const { instrument } = await loadLibrary(env.ctx);
    const id = await start();
    await answer(id, 'funding');

    const asked = await postForm(env, `${base()}/${id}/close`, {}, { cookie: owner });
    expect(asked.status).toBe(200);
    const html = await asked.text();
    const missing = instrument.domains.filter((d) => d.id !== 'funding');
    expect(missing.length).toBeGreaterThan(0);
    const listed = [...html.matchAll(/<li data-domain="([a-z]+)">/g)].map((m) => m[1]);
    expect(listed).toEqual(missing.map((d) => d.id));
    for (const d of missing) expect(html).toContain(pick(d.title, 'en').text);
    expect(html).toMatch(/<input type="hidden" name="confirm" value="anyway"\/?>/);
    expect(html).toContain(t('assess.close.anyway'));
    expect(await status(id)).toBe('open');

    expect((await postForm(env, `${base()}/${id}/close`, { confirm: 'anyway' }, { cookie: member })).status).toBe(403); // still owners only
    const closed = await postForm(env, `${base()}/${id}/close`, { confirm: 'anyway' }, { cookie: owner });
    expect(closed.status).toBe(303);
    expect(await status(id)).toBe('closed');

    // The Markdown export: a not-assessed area's row carries no figures.
    const md = await (await env.app.request(`${base()}/${id}/export.md`, { headers: { cookie: member } })).text();
    for (const d of missing) {
      const row = md.split('\n').find((line) => line.startsWith(`| ${pick(d.title, 'en').text} |`))!;
      expect(row, d.id).toBeDefined();
      expect(row).toContain(`| ${t('assess.band.unknown')} |`);
      expect(row, d.id).not.toMatch(/\d/);
    }
    const funding = md
      .split('\n')
      .find((line) =>
        line.startsWith(`| ${pick(instrument.domains.find((d) => d.id === 'funding')!.title, 'en').text} |`),
      )!;
    expect(funding).toMatch(/\| \d/); // the assessed area keeps its figures
  });

  it('a member is refused before any question is asked', async () => {
    const id = await start();
    expect((await postForm(env, `${base()}/${id}/close`, {}, { cookie: member })).status).toBe(403);
  });

  it('with every area assessed, closes at once', async () => {
    const { instrument } = await loadLibrary(env.ctx);
    const id = await start();
    for (const d of instrument.domains) await answer(id, d.id);
    const res = await postForm(env, `${base()}/${id}/close`, {}, { cookie: owner });
    expect(res.status).toBe(303);
    expect(await status(id)).toBe('closed');
  });
});
