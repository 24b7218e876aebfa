// The adversaries of docs/threat-model.md, as tests. Cold seizure: the database and the server key,
// with nobody signed in, open no organisation's data and do not say who belongs to which organisation.
// Hot seizure: after sign-out the process holds no organisation key and the session's copy is gone.
// A lost password: the account keeps its memberships but not its keys, until an admin or the recovery
// key restores them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legacyKeySource } from '../src/platform/keyring.ts';
import { createSealer, derivedKeys, sealAt, type SealAddress } from '../src/platform/sealer.ts';
import { hashToken } from '../src/platform/tokens.ts';
import { openUnderSecret } from '../src/platform/member-keys.ts';
import { addMember, cookieFrom, newOrg, type Person, SESSION, signInAs, userIdOf } from './helpers/accounts.ts';
import { postForm, testEnv, type TestEnv } from './helpers/context.ts';
import { databaseText } from './helpers/db-text.ts';

const CANARY = 'okapi-lantern-3391 names of the detained';
let env: TestEnv;
let orgId: string;
let owner: Person;
let member: Person;
const ids: Record<string, string> = {};

const userId = (p: Person) => userIdOf(env, p);

/** An organisation in use: an answered assessment with a note, a plan, and members. */
beforeAll(async () => {
  env = await testEnv({ seed: true });
  orgId = await newOrg(env, 'Colectivo Sellado');
  owner = await addMember(env, orgId, 'owner');
  member = await addMember(env, orgId, 'member');
  ids.owner = await userId(owner);
  ids.member = await userId(member);
  const cookie = await signInAs(env, owner);
  const started = await postForm(env, `/en/orgs/${orgId}/assessments`, {}, { cookie });
  const id = started.headers.get('location')!.split('/').pop()!;
  const saved = await postForm(
    env,
    `/en/orgs/${orgId}/assessments/${id}/domains/funding`,
    { note: CANARY },
    { cookie },
  );
  expect(saved.status).toBe(303);
  await postForm(env, '/en/logout', {}, { cookie });
  // Nobody signed in: the sessions the invitations opened end too (as expiry would end them).
  await env.ctx.db.deleteFrom('sessions').execute();
}, 60_000);
afterAll(() => env.close());

async function sealedOrgValues(): Promise<[SealAddress, string][]> {
  const db = env.ctx.db;
  const org = await db.selectFrom('organisations').selectAll().where('id', '=', orgId).executeTakeFirstOrThrow();
  const out: [SealAddress, string][] = [[sealAt.org(orgId, 'organisations', 'name', orgId), org.name]];
  for (const a of await db.selectFrom('assessments').selectAll().where('org_id', '=', orgId).execute())
    out.push([sealAt.org(orgId, 'assessments', 'doc', a.id), a.doc!]);
  for (const m of await db.selectFrom('org_members').selectAll().execute())
    out.push([sealAt.org(orgId, 'org_members', 'doc', m.member_tag), m.doc]);
  return out;
}

describe('cold seizure: the disk and the server key, nobody signed in', () => {
  it('open no sealed field of the organisation, and no org key is wrapped by the server', async () => {
    expect(await env.ctx.db.selectFrom('sessions').select('id').execute()).toHaveLength(0);
    expect(await env.ctx.db.selectFrom('org_keys').select('org_id').execute()).toHaveLength(0);
    const values = await sealedOrgValues();
    expect(values.length).toBeGreaterThanOrEqual(4); // name, the assessment, two members
    // Every key the server can derive: the platform derivation for any scope, and the old key-encryption key.
    const attempts = [
      createSealer(derivedKeys(env.ctx.serverKey)),
      createSealer(legacyKeySource(env.ctx.db, env.ctx.serverKey)),
    ];
    for (const sealer of attempts)
      for (const [at, sealed] of values) await expect(sealer.open(at, sealed)).rejects.toThrow();
    // And the process itself, outside any member's request, holds nothing that opens them.
    for (const [at, sealed] of values) await expect(env.ctx.sealer.open(at, sealed)).rejects.toThrow(/not held/);
  });

  it('do not tell who belongs to which organisation', async () => {
    const text = await databaseText(env);
    // A member's id is in their own account's rows, never in a row that also names the organisation.
    for (const [table, json] of Object.entries(text)) {
      const rows = JSON.parse(json) as Record<string, unknown>[];
      for (const row of rows) {
        const line = JSON.stringify(row);
        if (line.includes(orgId)) for (const id of [ids.owner!, ids.member!]) expect(line, table).not.toContain(id);
      }
    }
    // Nor do the tables that exist for members carry plain ids, nor the audit entries about the organisation.
    for (const table of ['org_members', 'invitations', 'assessments'])
      for (const id of [ids.owner!, ids.member!]) expect(text[table], table).not.toContain(id);
    const audit = await env.ctx.db.selectFrom('audit_log').selectAll().execute();
    expect(audit.filter((e) => e.org_id !== null).length).toBeGreaterThan(3);
    for (const e of audit) {
      if (e.org_id !== null) for (const id of [ids.owner!, ids.member!]) expect(JSON.stringify(e)).not.toContain(id);
      // An entry about people only names one: one person acting on another would say they work together.
      else if (e.actor.startsWith('user:') && e.object_type === 'user') expect(e.actor).toBe(`user:${e.object_id}`);
    }
    expect(Object.values(text).join('\n')).not.toContain(CANARY);
  });

  it('yet a member who signs in reads everything back', async () => {
    const cookie = await signInAs(env, member);
    const list = await env.app.request(`/en/orgs/${orgId}/assessments`, { headers: { cookie } });
    expect(list.status).toBe(200);
    const id = (await list.text()).match(new RegExp(`/en/orgs/${orgId}/assessments/(\\w+)`))![1]!;
    const page = await env.app.request(`/en/orgs/${orgId}/assessments/${id}/domains/funding`, { headers: { cookie } });
    expect(await page.text()).toContain(CANARY);
    await postForm(env, '/en/logout', {}, { cookie });
  });
});

describe('hot seizure: the running server after sign-out', () => {
  it('holds no organisation key, and the session row with its sealed keys is gone', async () => {
    const res = await postForm(env, '/en/login', { email: owner.email, password: owner.password });
    const cookie = cookieFrom(res, SESSION)!;
    const token = cookie.split('=')[1]!;
    const row = await env.ctx.db
      .selectFrom('sessions')
      .selectAll()
      .where('token_hash', '=', hashToken(token))
      .executeTakeFirstOrThrow();
    // The session's keys open with the cookie's token, not with what the database keeps of it.
    expect(row.keys).toBeTruthy();
    expect(() => openUnderSecret(row.token_hash, 'session-keys', `sessions:keys:${row.id}`, row.keys!)).toThrow();
    expect(
      openUnderSecret<{ publicKey: string }>(token, 'session-keys', `sessions:keys:${row.id}`, row.keys!).publicKey,
    ).toBeTruthy();
    expect((await env.app.request(`/en/orgs/${orgId}`, { headers: { cookie } })).status).toBe(200);
    expect(env.ctx.keyring.liveKeyCount()).toBe(0); // the request ended: its keys were wiped
    await postForm(env, '/en/logout', {}, { cookie });
    expect(await env.ctx.db.selectFrom('sessions').select('id').where('id', '=', row.id).execute()).toHaveLength(0);
    expect(env.ctx.keyring.liveKeyCount()).toBe(0);
    expect((await env.app.request(`/en/orgs/${orgId}`, { headers: { cookie } })).status).not.toBe(200);
  });
});
