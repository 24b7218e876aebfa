// Erasing an organisation (issue 11): an owner does it through plain forms, the operator from the
// command line. Afterwards no row of it is left, its members carry on without it, other organisations
// are untouched, and the database files hold neither its canaries nor any wrapped copy of its key.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, newOrg, signInAs, uniqueEmail, withOrgKey } from '../../../../tests/helpers/accounts.ts';
import { runAmparo } from '../../../../tests/helpers/cli.ts';
import { postForm, testEnv, usingPostgres, type TestEnv } from '../../../../tests/helpers/context.ts';
import { databaseFiles, filesHolding } from '../../../../tests/helpers/db-files.ts';
import { tableNames } from '../../../../tests/helpers/db-text.ts';
import type { Database } from '../../../db/schema.ts';
import { cliOperator } from '../../../platform/access.ts';
import { verifyAudit } from '../../../platform/audit.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { loadLibrary } from '../../assessments/assessment/service.ts';
import { inviteMember } from '../invitations/service.ts';
import { allMembers } from '../orgs/service.ts';

const NOTE = 'okapi-erase-canary-3391 the safe house is behind the bakery';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env.close());

/** An organisation with an owner, an admin and a member, an answered and closed assessment, a plan and a pending invitation. */
async function populatedOrg(name: string) {
  const orgId = await newOrg(env, name);
  const ownerPerson = await addMember(env, orgId, 'owner');
  const owner = await signInAs(env, ownerPerson);
  const [admin, member] = [await addMember(env, orgId, 'admin'), await addMember(env, orgId, 'member')];
  const base = `/en/orgs/${orgId}/assessments`;
  const id = (await postForm(env, base, {}, { cookie: owner })).headers.get('location')!.split('/').pop()!;
  const domain = (await loadLibrary(env.ctx)).instrument.domains[1]!;
  const threat = domain.threats[0]!.id;
  const answers = { [`${threat}.likelihood`]: '4', [`${threat}.impact`]: '5', note: NOTE };
  for (const [url, fields] of [
    [`${base}/${id}/domains/${domain.id}`, answers],
    [`${base}/${id}/close`, { confirm: 'anyway' }],
    [`${base}/${id}/plan`, {}],
  ] as const)
    expect((await postForm(env, url, fields, { cookie: owner })).status, url).toBe(303);
  const invited = await withOrgKey(env, orgId, () =>
    inviteMember(env.ctx, cliOperator, orgId, { email: uniqueEmail('pending'), role: 'member' }),
  );
  if (!invited.ok) throw new Error('invitation failed');
  return { orgId, owner, admin, member, invitationToken: invited.value.token };
}

/** How the organisation is stored now: the wrapped copies of its key, its sealed values, and how to find its rows. */
async function stored(orgId: string) {
  const db = env.ctx.db;
  return withOrgKey(env, orgId, async () => {
    const tag = (label: string) => env.ctx.keyring.tag(orgId, label);
    const grantIds = (await allMembers(env.ctx, db, orgId)).map((m) => tag(`grant:${m.userId}`));
    const org = await db.selectFrom('organisations').selectAll().where('id', '=', orgId).executeTakeFirstOrThrow();
    const grants = await db.selectFrom('key_grants').select('box').where('id', 'in', grantIds).execute();
    const recovery = await db
      .selectFrom('org_recovery')
      .select('wrapped')
      .where('id', '=', org.recovery_id!)
      .executeTakeFirstOrThrow();
    const links = await db
      .selectFrom('invitations')
      .select('grant')
      .where('org_tag', '=', tag('invitations'))
      .execute();
    const members = await db.selectFrom('org_members').select('doc').where('org_tag', '=', tag('members')).execute();
    const assessments = await db.selectFrom('assessments').select('doc').where('org_id', '=', orgId).execute();
    const documents = await db.selectFrom('org_documents').select('doc').where('org_id', '=', orgId).execute();
    return {
      find: { grantIds, members: tag('members'), invitations: tag('invitations'), recoveryId: org.recovery_id! },
      keys: [org.key_salt!, recovery.wrapped, ...grants.map((g) => g.box), ...links.map((l) => l.grant!)],
      sealed: [
        org.name,
        ...members.map((m) => m.doc),
        ...assessments.map((a) => a.doc!),
        ...documents.map((d) => d.doc),
      ],
    };
  });
}

async function rows(table: keyof Database, column: string, values: string[]): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}
    where ${sql.ref(column)} in (${sql.join(values)})`.execute(env.ctx.db);
  return Number(rows[0]!.n);
}

/** What the server can find of an erased organisation without its key: nothing. */
async function expectServerFoundRowsGone(orgId: string, find: Awaited<ReturnType<typeof stored>>['find']) {
  for (const table of ['organisations'] as const) expect(await rows(table, 'id', [orgId]), table).toBe(0);
  for (const table of ['org_keys', 'assessments', 'org_documents'] as const)
    expect(await rows(table, 'org_id', [orgId]), table).toBe(0);
  expect(await rows('org_recovery', 'id', [find.recoveryId])).toBe(0);
}

const page = (url: string, cookie: string) => env.app.request(url, { headers: { cookie } });

describe('an owner erasing their organisation', () => {
  it('confirms with its name in a plain form; afterwards nothing of it is left, and nobody else is hurt', async () => {
    const NAME = 'Colectivo Río Claro';
    const { orgId, owner, admin, member } = await populatedOrg(NAME);
    const otherId = await newOrg(env, 'Otra Asociación Vecinal');
    const otherOwner = await signInAs(env, await addMember(env, otherId, 'owner'));
    const otherBefore = await stored(otherId);
    const before = await stored(orgId);
    const url = `/en/orgs/${orgId}/erase`;

    const adminCookie = await signInAs(env, admin);
    expect((await page(url, adminCookie)).status).toBe(403);
    expect((await postForm(env, url, { name: NAME }, { cookie: adminCookie })).status).toBe(403);
    expect((await page(url, otherOwner)).status).toBe(404);
    expect((await postForm(env, url, { name: NAME }, { cookie: otherOwner })).status).toBe(404);

    const confirm = await page(url, owner);
    expect(confirm.status).toBe(200);
    const html = await confirm.text();
    expect(html).toContain(`action="${url}"`);
    expect(html).toContain('name="name"');
    expect(html).toContain(NAME);
    expect(await (await page(`/en/orgs/${orgId}`, owner)).text()).toContain(`href="${url}"`);

    const wrong = await postForm(env, `/es/orgs/${orgId}/erase`, { name: 'Colectivo Rio Claro' }, { cookie: owner });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain(translator('es')('erase.nameMismatch'));
    expect(await stored(orgId)).toEqual(before);

    const done = await postForm(env, url, { name: `  ${NAME} ` }, { cookie: owner });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/en/dashboard?done=erased');
    const dashboard = await page(done.headers.get('location')!, owner);
    expect(dashboard.status).toBe(200);
    const dashboardHtml = await dashboard.text();
    expect(dashboardHtml).toContain(translator('en')('erase.done'));
    expect(dashboardHtml).not.toContain(NAME);

    await expectServerFoundRowsGone(orgId, before.find);
    expect(await rows('key_grants', 'id', before.find.grantIds)).toBe(0);
    expect(await rows('org_members', 'org_tag', [before.find.members])).toBe(0);
    expect(await rows('invitations', 'org_tag', [before.find.invitations])).toBe(0);

    for (const person of [admin, member]) {
      const cookie = await signInAs(env, person);
      const mine = await page('/en/dashboard', cookie);
      expect(mine.status).toBe(200);
      expect(await mine.text()).toContain(translator('en')('dashboard.none'));
      expect((await page(`/en/orgs/${orgId}`, cookie)).status).toBe(404);
    }
    expect(await stored(otherId)).toEqual(otherBefore);
    expect(await (await page(`/en/orgs/${otherId}`, otherOwner)).text()).toContain('Otra Asociación Vecinal');
    expect((await verifyAudit(env.ctx.db)).problems).toEqual([]);
  });

  it('leaves neither its canaries nor any wrapped copy of its key in the database files', async (t) => {
    const NAME = 'Colectivo Canario 5517';
    const { orgId, owner } = await populatedOrg(NAME);
    const before = await stored(orgId);
    const filesBefore = await databaseFiles(env);
    if (!filesBefore) return t.skip('the PostgreSQL data directory is not readable by this process');
    // The search works: every wrapped copy of the key is found in those files now.
    for (const [copy, found] of Object.entries(filesHolding(filesBefore, before.keys)))
      expect(found, copy).not.toEqual([]);

    const done = await postForm(env, `/en/orgs/${orgId}/erase`, { name: NAME }, { cookie: owner });
    expect(done.status).toBe(303);
    if (usingPostgres)
      for (const table of await tableNames(env)) await sql`vacuum ${sql.table(table)}`.execute(env.ctx.db);
    const files = [...new Set([...filesBefore, ...(await databaseFiles(env))!])];

    for (const [text, found] of Object.entries(filesHolding(files, [...before.keys, NOTE, NAME])))
      expect(found, text).toEqual([]);
    // SQLite zeroes deleted content (secure_delete), so even the sealed rows are gone from its files. On
    // PostgreSQL plain VACUUM may leave a deleted row's bytes in a page's free space: for the large tables
    // that is ciphertext under a key that no longer exists anywhere.
    if (!usingPostgres)
      for (const [value, found] of Object.entries(
        filesHolding(
          files,
          before.sealed.map((v) => v.slice(0, 48)),
        ),
      ))
        expect(found, value).toEqual([]);
  });
});

describe('the operator erasing an organisation from the command line', () => {
  it('says what would happen, and erases it only with --yes; members find it gone at their next sign-in', async () => {
    const { orgId, member, invitationToken } = await populatedOrg('Colectivo Consola');
    const before = await stored(orgId);

    const asked = await runAmparo(env, ['org', 'erase', orgId]);
    expect(asked.code, asked.stderr).toBe(0);
    expect(asked.stdout).toContain(`amparo org erase ${orgId} --yes`);
    expect(await stored(orgId)).toEqual(before);

    const erased = await runAmparo(env, ['org', 'erase', orgId, '--yes']);
    expect(erased.code, erased.stderr).toBe(0);
    expect(erased.stdout).toContain(`organisation ${orgId} erased`);
    await expectServerFoundRowsGone(orgId, before.find);
    // Without the key the command cannot name the members' copies; they open nothing now.
    expect(await rows('key_grants', 'id', before.find.grantIds)).toBe(before.find.grantIds.length);
    expect((await env.app.request(`/en/invitations/${invitationToken}`)).status).toBe(404);

    const cookie = await signInAs(env, member);
    expect(await (await page('/en/dashboard', cookie)).text()).toContain(translator('en')('dashboard.none'));
    expect(await rows('key_grants', 'id', before.find.grantIds)).toBe(before.find.grantIds.length - 1);

    const again = await runAmparo(env, ['org', 'erase', orgId, '--yes']);
    expect(again.code).toBe(1);
    // Three CLI processes, each starting Node and opening the database: 17 s on SQLite at load 6, over
    // 30 s on PostgreSQL at load 7.
  }, 120_000);
});
