// A security change and its audit entry commit together: when the entry cannot be written, the change
// is not made either (here the audit table refuses every insert).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUserEnabled } from '../src/features/accounts/account/service.ts';
import { setMemberEnabled } from '../src/features/accounts/orgs/service.ts';
import { findUserByLookup } from '../src/features/accounts/queries.ts';
import { cliOperator } from '../src/platform/access.ts';
import { addMember, memberOf, newOrg, signInAs, withOrgKey } from './helpers/accounts.ts';
import { testEnv, usingPostgres, type TestEnv } from './helpers/context.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv({ seed: false });
});
afterAll(async () => {
  await refuseAudit(false);
  await env.close();
});

async function refuseAudit(on: boolean) {
  if (usingPostgres) {
    if (on) {
      await sql`create or replace function refuse_audit() returns trigger as $$ begin raise exception 'audit refused'; end $$ language plpgsql`.execute(
        env.ctx.db,
      );
      await sql`create trigger refuse_audit before insert on audit_log for each row execute function refuse_audit()`.execute(
        env.ctx.db,
      );
    } else await sql`drop trigger if exists refuse_audit on audit_log`.execute(env.ctx.db);
  } else if (on)
    await sql`create trigger refuse_audit before insert on audit_log begin select raise(abort, 'audit refused'); end`.execute(
      env.ctx.db,
    );
  else await sql`drop trigger if exists refuse_audit`.execute(env.ctx.db);
}

describe('audit entries in the same transaction', () => {
  it('a disabling that cannot be audited does not happen', async () => {
    const orgId = await newOrg(env, 'Atomic Org');
    const person = await addMember(env, orgId, 'member');
    const cookie = await signInAs(env, person);
    const user = (await findUserByLookup(env.ctx.db, env.ctx.lookup.email(person.email)))!;
    await refuseAudit(true);
    await expect(setUserEnabled(env.ctx, cliOperator, person.email, false)).rejects.toThrow(/audit refused/);
    await expect(
      withOrgKey(env, orgId, () => setMemberEnabled(env.ctx, cliOperator, orgId, user.id, false)),
    ).rejects.toThrow(/audit refused/);
    await refuseAudit(false);
    expect((await findUserByLookup(env.ctx.db, env.ctx.lookup.email(person.email)))!.disabledAt).toBeNull();
    expect((await memberOf(env, orgId, user.id))!.disabledAt).toBeNull();
    expect((await env.app.request('/en/dashboard', { headers: { cookie } })).status).toBe(200); // the session was not ended either

    await setUserEnabled(env.ctx, cliOperator, person.email, false);
    const last = await env.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'object_id'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(last).toEqual({ action: 'user.disable', object_id: user.id });
  });
});
