// Upgrading to keys only members hold (0007), on a database made by the migrations before it: the
// staff list leaves its plain table, the organisation's name and audit entries are sealed under its key,
// and the server-wrapped key stays only until an owner signs in. Then it is granted to every member who
// has a key pair and destroyed; a member who signs in later is restored by the owner in one click.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { createContext } from '../src/context.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { hashPassword } from '../src/features/accounts/passwords.ts';
import { verifyAudit } from '../src/platform/audit.ts';
import { createLegacyOrgKey, legacyKeySource } from '../src/platform/keyring.ts';
import { createLogger } from '../src/platform/logger.ts';
import { createLookup } from '../src/platform/lookup.ts';
import { createSealer, type SealAddress } from '../src/platform/sealer.ts';
import { loadCuratedData } from '../src/main.ts';
import { cookieFrom, SESSION } from './helpers/accounts.ts';
import { postForm, type TestEnv } from './helpers/context.ts';
import { databaseAt } from './helpers/old-database.ts';
import { databaseText } from './helpers/db-text.ts';

const PASSWORD = 'old shape passphrase 41';
const at = (table: string, column: string, rowId: string, orgId?: string): SealAddress => ({
  scope: orgId ? { kind: 'org', orgId } : { kind: 'platform' },
  table,
  column,
  rowId,
});

describe('migration 0007-member-keys', () => {
  it('moves an organisation to keys its members hold at its owner’s next sign-in', async () => {
    const { config, db, dbSchema, usingPostgres } = await databaseAt('0006-sealed-documents', {
      publicUrl: 'http://localhost',
      logLevel: 'error',
    });

    // The shape before 0007: memberships in plain rows, the name and key under the server key.
    const serverKey = randomBytes(32);
    const old = db as unknown as Kysely<any>;
    const sealer = createSealer(legacyKeySource(db, serverKey));
    const lookup = createLookup(serverKey);
    const now = new Date('2026-06-01T08:00:00Z');
    const orgId = 'oldorg000001';
    await old
      .insertInto('organisations')
      .values({
        id: orgId,
        name: await sealer.seal(at('organisations', 'name', orgId), 'Colectivo Antiguo'),
        require_mfa: usingPostgres ? false : 0,
        created_at: now.toISOString(),
      })
      .execute();
    await createLegacyOrgKey(db, serverKey, orgId, now);
    const people = { owner: 'owner.old@example.org', early: 'early.old@example.org', late: 'late.old@example.org' };
    const ids: Record<string, string> = {};
    for (const [role, email] of Object.entries(people)) {
      const id = `old${role.padEnd(9, '0')}`;
      ids[role] = id;
      await old
        .insertInto('users')
        .values({
          id,
          email_lookup: lookup.email(email),
          email: await sealer.seal(at('users', 'email', id), email),
          name: await sealer.seal(at('users', 'name', id), `Old ${role}`),
          password_hash: await hashPassword(PASSWORD),
          created_at: now.toISOString(),
        })
        .execute();
      await old
        .insertInto('memberships')
        .values({
          org_id: orgId,
          user_id: id,
          role: role === 'owner' ? 'owner' : 'member',
          created_at: now.toISOString(),
        })
        .execute();
    }
    const planId = 'oldplan00001';
    await old
      .insertInto('org_documents')
      .values({
        id: planId,
        org_id: orgId,
        kind: 'plan',
        doc: await sealer.seal(at('org_documents', 'doc', `plan:${planId}`, orgId), JSON.stringify({ actions: [] })),
        revision: 'r1',
      })
      .execute();
    await old
      .insertInto('audit_log')
      .values({
        seq: 1,
        at: now.toISOString(),
        actor: `user:${ids.owner}`,
        action: 'membership.role.member',
        object_type: 'user',
        object_id: ids.early,
        org_id: orgId,
        prev_hash: '0'.repeat(64),
        hash: 'x',
      })
      .execute();

    expect(await migrateToLatest(db, dbSchema, serverKey)).toContain('0007-member-keys');
    const ctx = await createContext(config, { db, serverKey, logger: createLogger('error', process.stderr) });
    await loadCuratedData(ctx);
    const env = { ctx, app: createApp(ctx) } as unknown as TestEnv;
    const signIn = async (email: string) => {
      const res = await postForm(env, '/en/login', { email, password: PASSWORD });
      expect(res.status).toBe(303);
      return cookieFrom(res, SESSION)!;
    };
    const page = async (cookie: string, url = `/en/orgs/${orgId}`) => env.app.request(url, { headers: { cookie } });

    // Right after the upgrade: no plain staff list, no plain name, the audit chain rebuilt and sealed.
    const text = await databaseText(env);
    expect(Object.keys(text)).not.toContain('memberships');
    for (const id of Object.values(ids)) {
      expect(text.org_members).not.toContain(id);
      expect(text.audit_log).not.toContain(id);
    }
    expect(text.audit_log).not.toContain(orgId);
    expect((await verifyAudit(db)).problems).toEqual([]);
    expect(await db.selectFrom('org_keys').select('org_id').execute()).toHaveLength(1);

    // A member who signs in before the owner still works, under the server-held key, and is told so.
    const early = await signIn(people.early);
    const before = await page(early);
    expect(before.status).toBe(200);
    const html = await before.text();
    expect(html).toContain('Colectivo Antiguo');
    expect(html).toContain('the server still holds its key');

    // The owner's sign-in moves the key to the members and destroys the server's copy.
    const owner = await signIn(people.owner);
    expect((await page(owner)).status).toBe(200);
    expect(await db.selectFrom('org_keys').select('org_id').execute()).toHaveLength(0);
    expect(await db.selectFrom('key_grants').select('id').execute()).toHaveLength(2); // the owner and the early member
    expect(await (await page(owner)).text()).not.toContain('the server still holds its key');
    expect((await page(early)).status).toBe(200); // the early member's grant opens on their next page

    // The member who had never signed in has no key yet: after signing in, the owner restores them in one click.
    const late = await signIn(people.late);
    expect((await page(late)).status).toBe(404);
    const ownerView = await (await page(owner)).text();
    expect(ownerView).toContain(`/en/orgs/${orgId}/members/${ids.late}/restore`);
    const restored = await postForm(env, `/en/orgs/${orgId}/members/${ids.late}/restore`, {}, { cookie: owner });
    expect(restored.status).toBe(303);
    expect((await page(late)).status).toBe(200);
    expect((await page(late, `/en/orgs/${orgId}/plan`)).status).toBe(200); // the old sealed plan opens under the moved key
  }, 60_000);
});
