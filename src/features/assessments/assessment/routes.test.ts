// The whole cycle through the routes: start, answer, close, plan, update actions, reassess, compare;
// and a member of another organisation gets 404 on every one of these URLs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, newOrg, signInAs, type Person } from '../../../../tests/helpers/accounts.ts';
import { postForm, TestClock, testEnv, type TestEnv } from '../../../../tests/helpers/context.ts';
import { loadLibrary } from './service.ts';

let env: TestEnv;
const clock = new TestClock(new Date('2026-01-10T09:00:00Z'));
let orgId: string;
let owner: string;
let member: string;
let viewer: string;
let stranger: string;
const people: Record<'owner' | 'member' | 'viewer' | 'stranger', Person> = {} as never;

/** Signs everyone in again (after the test clock jumps past the session lifetime). */
async function signInAll() {
  owner = await signInAs(env, people.owner);
  member = await signInAs(env, people.member);
  viewer = await signInAs(env, people.viewer);
  stranger = await signInAs(env, people.stranger);
}

beforeAll(async () => {
  env = await testEnv({ clock });
  orgId = await newOrg(env, 'Colectivo Raíz');
  people.owner = await addMember(env, orgId, 'owner');
  people.member = await addMember(env, orgId, 'member');
  people.viewer = await addMember(env, orgId, 'viewer');
  people.stranger = await addMember(env, await newOrg(env, 'Otra'), 'owner');
  await signInAll();
}, 60_000);
afterAll(() => env.close());

const get = (url: string, cookie: string) => env.app.request(url, { headers: { cookie } });
const base = () => `/en/orgs/${orgId}`;
const idFrom = (res: Response) => res.headers.get('location')!.split('/').pop()!.split('?')[0]!;

/** Answers one domain: every threat at (l, i), every weak spot at v, every capacity at c. */
async function answer(
  id: string,
  domainId: string,
  l: number,
  i: number,
  v: number,
  c: number,
  cookie: string,
  note = '',
) {
  const domain = (await loadLibrary(env.ctx)).instrument.domains.find((d) => d.id === domainId)!;
  const fields: Record<string, string> = { note };
  for (const q of domain.threats)
    Object.assign(fields, { [`${q.id}.likelihood`]: String(l), [`${q.id}.impact`]: String(i) });
  for (const q of domain.vulnerabilities) fields[q.id] = String(v);
  for (const q of domain.capacities) fields[q.id] = String(c);
  return postForm(env, `${base()}/assessments/${id}/domains/${domainId}`, fields, { cookie });
}

describe('the assessment cycle', () => {
  const urls: string[] = [];

  it('start, answer, close, plan, update, reassess, compare', async () => {
    const started = await postForm(env, `${base()}/assessments`, {}, { cookie: member });
    expect(started.status).toBe(303);
    const first = idFrom(started);

    // Funding: threat 5 x 5 / 5 = 5, weak spots 4, capacity 1 => 20: high. Digital: 1 x 1 / 5 = 0.2 x 2 / 4 = 0.1: low.
    expect((await answer(first, 'funding', 5, 5, 4, 1, member, 'Our main donor may pull out')).status).toBe(303);
    expect((await answer(first, 'digital', 1, 1, 2, 4, owner)).status).toBe(303);
    const legalThreat = (await loadLibrary(env.ctx)).instrument.domains.find((d) => d.id === 'legal')!.threats[0]!.id;
    const bad = await postForm(
      env,
      `${base()}/assessments/${first}/domains/legal`,
      { [`${legalThreat}.likelihood`]: '9', [`${legalThreat}.impact`]: '3' },
      { cookie: member },
    );
    expect(bad.status).toBe(422); // outside the scale: refused, the other choice kept
    expect(await bad.text()).toMatch(new RegExp(`name="${legalThreat}.impact" value="3" checked`));
    expect((await postForm(env, `${base()}/assessments/${first}/domains/legal`, {}, { cookie: viewer })).status).toBe(
      403,
    );
    const context = await postForm(
      env,
      `${base()}/assessments/${first}/context`,
      { [(await loadLibrary(env.ctx)).instrument.context[0]!.id]: 'The teachers union would join us' },
      { cookie: member },
    );
    expect(context.status).toBe(303);

    const page = await (await get(`${base()}/assessments/${first}`, member)).text();
    expect(page).toMatch(/band-high/);
    expect(page.replace(/<[^>]+>/g, '')).toContain('risk 20 = threat 5 × vulnerability 4 ÷ capacity 1');

    expect((await postForm(env, `${base()}/assessments/${first}/close`, {}, { cookie: member })).status).toBe(403); // owners close
    expect((await postForm(env, `${base()}/assessments/${first}/close`, {}, { cookie: owner })).status).toBe(200); // asks first: areas left unscored
    expect(
      (await postForm(env, `${base()}/assessments/${first}/close`, { confirm: 'anyway' }, { cookie: owner })).status,
    ).toBe(303);
    expect((await answer(first, 'funding', 1, 1, 1, 4, member)).status).toBe(409); // closed: answers are fixed

    expect((await postForm(env, `${base()}/assessments/${first}/plan`, {}, { cookie: member })).status).toBe(303);
    const plan = await (await get(`${base()}/plan`, member)).text();
    expect(plan).toContain('Spread your funding across more sources');
    expect(plan).toContain('Proposed because Funding');
    const actionId = plan.match(/action="\/en\/orgs\/\w+\/plan\/actions\/(\w+)"/)![1]!;
    const updated = await postForm(
      env,
      `${base()}/plan/actions/${actionId}`,
      { status: 'doing', due: '2026-01-20', notes: 'Call the foundation' },
      { cookie: member },
    );
    expect(updated.status).toBe(303);
    expect(
      (
        await postForm(
          env,
          `${base()}/plan/actions/${actionId}`,
          { status: 'doing', due: 'tomorrow' },
          { cookie: member },
        )
      ).status,
    ).toBe(422);
    clock.advance(30 * 86400_000);
    await signInAll();
    expect(await (await get(`${base()}/plan`, member)).text()).toContain('Overdue: it was due on');
    const planMd = await (await get(`${base()}/plan/export.md`, viewer)).text();
    expect(planMd).toContain('# Action plan');
    expect(planMd).toContain('Call the foundation');
    expect(planMd).toContain('In progress (Overdue)');

    // Reassess from the last one: the answers come along; change funding for the better.
    const again = await postForm(env, `${base()}/assessments`, { from: 'last' }, { cookie: member });
    const second = idFrom(again);
    const domainPage = await (await get(`${base()}/assessments/${second}/domains/funding`, member)).text();
    expect(domainPage).toContain('Our main donor may pull out');
    await answer(second, 'funding', 2, 5, 2, 3, member);
    await postForm(env, `${base()}/assessments/${second}/close`, { confirm: 'anyway' }, { cookie: owner });
    const cmp = await (await get(`${base()}/assessments/compare?a=${first}&b=${second}`, member)).text();
    expect(cmp).toContain('better by');
    const list = await (await get(`${base()}/assessments`, member)).text();
    expect(list).toContain('<svg'); // the trend chart
    expect(list).toContain('Funding');

    const print = await get(`${base()}/assessments/${first}/print`, viewer);
    expect(print.status).toBe(200);
    const md = await (await get(`${base()}/assessments/${first}/export.md`, viewer)).text();
    expect(md).toContain('| Funding');
    const json = (await (await get(`${base()}/assessments/${first}/export.json`, viewer)).json()) as {
      scores: { domain: string; risk: number }[];
    };
    expect(json.scores.find((s) => s.domain === 'funding')!.risk).toBe(20);

    urls.push(
      `GET ${base()}/assessments`,
      `GET ${base()}/assessments/${first}`,
      `GET ${base()}/assessments/${first}/domains/funding`,
      `GET ${base()}/assessments/${first}/context`,
      `GET ${base()}/assessments/${first}/print`,
      `GET ${base()}/assessments/${first}/export.json`,
      `GET ${base()}/assessments/${first}/export.md`,
      `GET ${base()}/assessments/compare?a=${first}&b=${second}`,
      `GET ${base()}/plan`,
      `GET ${base()}/plan/export.md`,
      `GET ${base()}/plan/export.json`,
      `GET ${base()}/scenarios`,
      `POST ${base()}/assessments`,
      `POST ${base()}/assessments/${second}/domains/funding`,
      `POST ${base()}/assessments/${second}/context`,
      `POST ${base()}/assessments/${first}/close`,
      `POST ${base()}/assessments/${first}/plan`,
      `POST ${base()}/plan/actions/${actionId}`,
      `POST ${base()}/scenarios`,
    );
  });

  it('a member of another organisation gets 404 on every one of these URLs', async () => {
    expect(urls.length).toBeGreaterThan(10);
    for (const entry of urls) {
      const [method, url] = entry.split(' ') as [string, string];
      const res =
        method === 'GET'
          ? await get(url, stranger)
          : await postForm(env, url, { status: 'done', card: 'bank-freeze' }, { cookie: stranger });
      expect(res.status, entry).toBe(404);
      expect(await res.text()).not.toContain('Colectivo Raíz');
    }
  });

  it('what-if cards: adopt one, name who does what, and only members can be named', async () => {
    const adopted = await postForm(env, `${base()}/scenarios`, { card: 'office-raid' }, { cookie: member });
    expect(adopted.status).toBe(303);
    const url = adopted.headers.get('location')!;
    const page = await (await get(url, member)).text();
    const memberId = page.match(/<option value="(\w+)">Test owner<\/option>/)![1]!;
    const saved = await postForm(
      env,
      url,
      {
        signs: 'Unmarked cars outside',
        steps: 'Lawyer on speed dial',
        contacts: 'Ana (lawyer) +58 000',
        prepare: 'Encrypted backup',
        task_0: 'Calls the lawyer',
        who_0: memberId,
      },
      { cookie: member },
    );
    expect(saved.status).toBe(303);
    const after = await (await get(url, viewer)).text();
    expect(after).toContain('Unmarked cars outside');
    expect(after).toMatch(new RegExp(`<option value="${memberId}" selected="">Test owner</option>`));
    const foreign = await postForm(env, url, { task_0: 'Calls the lawyer', who_0: 'someoneelse1' }, { cookie: member });
    expect(foreign.status).toBe(422);
    expect((await postForm(env, `${base()}/scenarios`, { card: 'no-such-card' }, { cookie: member })).status).toBe(404);
  });
});
