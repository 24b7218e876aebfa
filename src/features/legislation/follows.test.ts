import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, memberActor, newOrg, userIdOf, withOrgKey } from '../../../tests/helpers/accounts.ts';
import { testEnv, TestClock, type TestEnv } from '../../../tests/helpers/context.ts';
import { startSmtpServer, type SmtpTestServer } from '../../../tests/helpers/smtp.ts';
import type { Actor } from '../../platform/access.ts';
import { eraseOrganisation } from '../accounts/erase/service.ts';
import { changeRole, setMemberEnabled } from '../accounts/orgs/service.ts';
import { ALERT_MAIL_JOB, changesFor, runAlertsJob } from './alerts.ts';
import { followSettings, saveFollow, setFollowOptIn } from './follows.ts';
import { editLegislation, followTagOf, getLegislation, legislationYaml, stepKey } from './service.ts';

let env: TestEnv;
let clock: TestClock;
let smtp: SmtpTestServer;
let orgId: string;
let owner: Actor, member: Actor;
const DAY = 24 * 3600_000;
const curator: Actor = {
  kind: 'user',
  userId: 'curator-actor',
  sessionId: 's-curator',
  platformRole: 'curator',
  mfa: true,
  memberships: new Map(),
};
const GE = 'ge-foreign-influence-law-2024';
const KG = 'kg-foreign-representatives-law-2024';
const HU = 'hu-sovereignty-protection-law-2023';

beforeAll(async () => {
  smtp = await startSmtpServer();
  clock = new TestClock(new Date('2026-06-10T08:00:00Z'));
  env = await testEnv({ seed: false, clock, config: { smtpUrl: smtp.url } });
  orgId = await newOrg(env, 'Observatorio Cívico');
  owner = memberActor(
    orgId,
    'owner',
    await userIdOf(env, await addMember(env, orgId, 'owner', 'owner@follow.example')),
  );
  await addMember(env, orgId, 'admin', 'admin@follow.example');
  member = memberActor(
    orgId,
    'member',
    await userIdOf(env, await addMember(env, orgId, 'member', 'member@follow.example')),
  );
});
afterAll(async () => {
  await env.close();
  await smtp.close();
});

const as = <T>(fn: () => Promise<T>) => withOrgKey(env, orgId, fn);
const follow = (fields: Record<string, string | string[]>) => as(() => saveFollow(env.ctx, owner, orgId, fields));

/** A curator moves an entry on to a new stage (the entry's own stage and a step of its history). */
async function addStage(id: string, stage: string, date: string) {
  const doc = parse(await legislationYaml(env.ctx, curator, id)) as {
    stage: string;
    history: unknown[];
    sources: unknown[];
  };
  doc.stage = stage;
  doc.history.push({ date, stage, source: `https://example.org/news/${date}` });
  doc.sources.push({ title: `News of ${date}`, url: `https://example.org/news/${date}` });
  const r = await editLegislation(env.ctx, curator, id, stringify(doc));
  expect(r.ok ? null : r.problems).toBe(null);
}

/** Runs every due job, and returns the mails that arrived meanwhile, by recipient. */
async function runJobs(): Promise<{ to: string; subject: string; text: string }[]> {
  const before = smtp.messages.length;
  while ((await env.ctx.jobs.runDue(clock.now())) > 0);
  return smtp.messages.slice(before).map((m) => ({ to: m.to.join(','), subject: m.subject, text: m.text }));
}

describe('following legislation', () => {
  it('refuses unknown countries and keeps the list sealed, with no organisation in it', async () => {
    const refused = await follow({ countries: 'GE ZZ', locale: 'fr', audience: 'admins' });
    expect(refused.ok).toBe(false);
    expect((await follow({ countries: 'ge hu', locale: 'fr', audience: 'admins' })).ok).toBe(true);
    const { follow: saved } = await as(() => followSettings(env.ctx, member, orgId));
    expect(saved).toMatchObject({ countries: ['GE', 'HU'], kinds: [], locale: 'fr', audience: 'admins' });
    expect(saved!.admins).toHaveLength(2);
    const rows = await env.ctx.db.selectFrom('legislation_follows').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toMatch(new RegExp(`${orgId}|"GE"|owner-`));
  });

  it('mails owners and admins once when a curator adds a stage, in the chosen language, and never again', async () => {
    clock.advance(DAY + 1000);
    expect(await runJobs()).toEqual([]); // the daily run: nothing changed since the follow
    await addStage(GE, 'struck-down', '2026-06-01');
    const mails = await runJobs();
    expect(mails.map((m) => m.to).sort()).toEqual(['admin@follow.example', 'owner@follow.example']);
    for (const m of mails) {
      expect(m.subject).toBe('Law on Transparency of Foreign Influence : Invalidé par un tribunal');
      expect(m.text).toContain(`/fr/legislation/${GE}`);
      expect(m.text).not.toContain('Observatorio');
    }
    // Another run, direct or after an unrelated edit, finds nothing new.
    await runAlertsJob(env.ctx, { id: 'x', kind: 'legislation.alerts', payload: '{}', attempts: 0 });
    await addStage(KG, 'repealed', '2026-06-02'); // not followed
    expect(await runJobs()).toEqual([]);
  });

  it('sends to the members who opt in when the follow says so', async () => {
    expect((await follow({ countries: 'GE KG', kinds: ['foreign-agent'], locale: 'es', audience: 'optin' })).ok).toBe(
      true,
    );
    await as(() => setFollowOptIn(env.ctx, member, orgId, true));
    expect((await as(() => followSettings(env.ctx, member, orgId))).optedIn).toBe(true);
    await addStage(GE, 'repealed', '2026-06-05');
    const mails = await runJobs();
    expect(mails.map((m) => m.to)).toEqual(['member@follow.example']);
    expect(mails[0]!.text).toContain(`/es/legislation/${GE}`);
    const jobs = await env.ctx.db.selectFrom('jobs').select('kind').where('kind', '=', ALERT_MAIL_JOB).execute();
    expect(jobs).toEqual([]);
  });
});

describe('membership changes', () => {
  it('a disabled admin or opted-in member is mailed no more, and a member made admin is, with no new save', async () => {
    const org = await newOrg(env, 'Membership Watch');
    const boss = memberActor(
      org,
      'owner',
      await userIdOf(env, await addMember(env, org, 'owner', 'boss@change.example')),
    );
    const leaving = await userIdOf(env, await addMember(env, org, 'admin', 'leaving@change.example'));
    const rising = await userIdOf(env, await addMember(env, org, 'member', 'rising@change.example'));
    const optedOut = await userIdOf(env, await addMember(env, org, 'member', 'gone@change.example'));
    const in_ = <T>(fn: () => Promise<T>) => withOrgKey(env, org, fn);
    expect(
      (await in_(() => saveFollow(env.ctx, boss, org, { countries: 'HU', locale: 'en', audience: 'admins' }))).ok,
    ).toBe(true);
    await in_(() => setFollowOptIn(env.ctx, memberActor(org, 'member', optedOut), org, true));

    await in_(() => setMemberEnabled(env.ctx, boss, org, leaving, false));
    await in_(() => setMemberEnabled(env.ctx, boss, org, optedOut, false));
    await in_(() => changeRole(env.ctx, boss, org, rising, { role: 'admin' }));
    await addStage(HU, 'struck-down', '2026-06-20');
    const mails = (await runJobs()).filter((m) => m.to.endsWith('@change.example'));
    expect(mails.map((m) => m.to).sort()).toEqual(['boss@change.example', 'rising@change.example']);

    // The same holds when the follow goes to those who opt in: the disabled member is gone from it.
    expect(
      (await in_(() => saveFollow(env.ctx, boss, org, { countries: 'HU', locale: 'en', audience: 'optin' }))).ok,
    ).toBe(true);
    await addStage(HU, 'repealed', '2026-06-21');
    expect((await runJobs()).filter((m) => m.to.endsWith('@change.example'))).toEqual([]);
  });
});

describe('an erased organisation', () => {
  it('takes its follow with it, so nobody is mailed after', async () => {
    const tag = await as(async () => followTagOf(env.ctx, orgId));
    expect(
      await env.ctx.db.selectFrom('legislation_follows').select('id').where('org_tag', '=', tag).execute(),
    ).toHaveLength(1);
    const erased = await as(() => eraseOrganisation(env.ctx, owner, orgId, { name: 'Observatorio Cívico' }));
    expect(erased.ok).toBe(true);
    expect(await env.ctx.db.selectFrom('legislation_follows').selectAll().where('org_tag', '=', tag).execute()).toEqual(
      [],
    );
  });
});

describe('what counts as news', () => {
  it('a new entry once (its latest stage), a new step of a known one, only in followed countries and kinds', async () => {
    const ge = await getLegislation(env.ctx, curator, GE);
    const list = {
      countries: ['GE'],
      kinds: [],
      locale: 'en' as const,
      audience: 'admins' as const,
      admins: [],
      optedIn: [],
    };
    const last = ge.history.at(-1)!;
    expect(changesFor(list, [ge], new Set())).toEqual([{ id: GE, stage: last.stage, date: last.date }]);
    const known = new Set(ge.history.slice(0, 1).map((s) => stepKey(GE, s)));
    expect(changesFor(list, [ge], known)).toHaveLength(ge.history.length - 1);
    expect(changesFor({ ...list, kinds: ['registration'] }, [ge], new Set())).toEqual([]);
    expect(changesFor({ ...list, countries: ['HU'] }, [ge], new Set())).toEqual([]);
  });
});
