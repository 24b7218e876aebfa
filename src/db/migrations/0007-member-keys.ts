// Keys only members hold (decision 0014). Accounts get a key pair; organisation secrets reach members as
// sealed boxes (key_grants) and an invitation or a recovery key; sessions carry the member's keys under
// a secret only the cookie holds. A copied disk must not tell who belongs to which organisation, so:
// - memberships become org_members rows named by tags under the organisation's key, their contents sealed;
// - an organisation's name is sealed under its own key, not the server's;
// - who opened and closed an assessment is sealed;
// - audit entries about an organisation carry a tag instead of its id, their actor and object sealed,
//   and the chain is recomputed from the start (anyone who kept an old head hash sees it change here).
// Existing organisations keep their server-wrapped key in org_keys until an owner signs in (the key is
// then granted to the members and that copy destroyed). Sessions end (they hold no keys) and pending
// invitations to organisations are withdrawn: their links cannot carry a key they never had.
import type { Kysely } from 'kysely';
import { entryHash, GENESIS } from '../../platform/audit.ts';
import { legacyKeySource, orgTag } from '../../platform/keyring.ts';
import { createSealer, sealWithKey, type SealAddress, type Sealer } from '../../platform/sealer.ts';
import type { Db } from '../client.ts';
import { columnTypes } from '../dialect.ts';

// Frozen with this migration.
const at = (orgId: string | null, table: string, column: string, rowId: string): SealAddress => ({
  scope: orgId ? { kind: 'org', orgId } : { kind: 'platform' },
  table,
  column,
  rowId,
});
const iso = (v: string | Date | null) => (v === null ? null : (v instanceof Date ? v : new Date(v)).toISOString());

async function createShape(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable('users').addColumn('public_key', 'text').execute();
  await db.schema.alterTable('users').addColumn('private_key', 'text').execute(); // wrapped by the password
  await db.schema.alterTable('users').addColumn('access_lost_at', t.timestamp).execute();
  await db.schema.alterTable('organisations').addColumn('key_salt', 'text').execute();
  await db.schema.alterTable('organisations').addColumn('recovery_id', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('keys', 'text').execute(); // sealed under the cookie's secret
  await db.schema.alterTable('invitations').addColumn('org_tag', 'text').execute();
  await db.schema.alterTable('invitations').addColumn('grant', 'text').execute(); // sealed under the link's secret
  await db.schema
    .createTable('org_members')
    .addColumn('member_tag', 'text', (c) => c.primaryKey())
    .addColumn('org_tag', 'text', (c) => c.notNull())
    .addColumn('doc', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('org_members_org').on('org_members').column('org_tag').execute();
  await db.schema
    .createTable('key_grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('box', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('key_grants_user').on('key_grants').column('user_id').execute();
  await db.schema
    .createTable('org_recovery')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('wrapped', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
}

async function moveOrganisations(db: Kysely<any>, sealer: Sealer, keyOf: (orgId: string) => Promise<Buffer>) {
  for (const org of await db.selectFrom('organisations').select(['id', 'name']).execute()) {
    const name = await sealer.open(at(null, 'organisations', 'name', org.id), org.name);
    await db
      .updateTable('organisations')
      .set({ name: await sealer.seal(at(org.id, 'organisations', 'name', org.id), name) })
      .where('id', '=', org.id)
      .execute();
    const key = await keyOf(org.id);
    const members = await db.selectFrom('memberships').selectAll().where('org_id', '=', org.id).execute();
    for (const m of members) {
      const memberTag = orgTag(key, `member:${m.user_id}`);
      const doc = {
        userId: m.user_id,
        role: m.role,
        disabledAt: iso(m.disabled_at),
        createdAt: iso(m.created_at),
        publicKey: null,
      };
      await db
        .insertInto('org_members')
        .values({
          member_tag: memberTag,
          org_tag: orgTag(key, 'members'),
          doc: await sealer.seal(at(org.id, 'org_members', 'doc', memberTag), JSON.stringify(doc)),
        })
        .execute();
    }
    for (const a of await db.selectFrom('assessments').selectAll().where('org_id', '=', org.id).execute()) {
      const seal = (column: string, value: string) => sealer.seal(at(org.id, 'assessments', column, a.id), value);
      await db
        .updateTable('assessments')
        .set({
          created_by: await seal('created_by', a.created_by),
          closed_by: a.closed_by === null ? null : await seal('closed_by', a.closed_by),
        })
        .where('id', '=', a.id)
        .execute();
    }
  }
}

/** Re-writes the audit chain with organisation entries sealed (as src/platform/audit.ts now writes them). */
async function rewriteAudit(db: Kysely<any>, keyOf: (orgId: string) => Promise<Buffer>) {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  if (rows.length === 0) return;
  let prev = GENESIS;
  for (const r of rows) {
    const seq = Number(r.seq);
    let stored = { actor: r.actor, object_id: r.object_id, org_id: r.org_id as string | null };
    if (r.org_id) {
      const key = await keyOf(r.org_id);
      const seal = (column: string, value: string) =>
        sealWithKey(key, Buffer.from(JSON.stringify(['audit_log', column, seq])), Buffer.from(value));
      stored = {
        actor: seal('actor', r.actor),
        object_id: seal('object_id', r.object_id),
        org_id: orgTag(key, 'audit'),
      };
    }
    const entry = {
      seq,
      at: new Date(r.at),
      actor: stored.actor,
      action: r.action,
      objectType: r.object_type,
      objectId: stored.object_id,
      orgId: stored.org_id,
    };
    const hash = entryHash(prev, entry);
    await db
      .updateTable('audit_log')
      .set({ ...stored, prev_hash: prev, hash })
      .where('seq', '=', r.seq)
      .execute();
    prev = hash;
  }
}

async function migrate(db: Kysely<any>, serverKey: Buffer | undefined): Promise<void> {
  await createShape(db);
  const orgs = await db.selectFrom('organisations').select('id').execute();
  if (orgs.length > 0) {
    if (!serverKey)
      throw new Error(
        'migration 0007-member-keys has organisations to move and needs the server key: start the application to run it',
      );
    const keys = legacyKeySource(db as Db, serverKey);
    const keyOf = (orgId: string) => keys({ kind: 'org', orgId });
    await moveOrganisations(db, createSealer(keys), keyOf);
    await rewriteAudit(db, keyOf);
  }
  await db.deleteFrom('sessions').execute();
  await db.deleteFrom('invitations').where('org_id', 'is not', null).execute();
  await db.schema.dropTable('memberships').execute();
}

async function inTransaction(db: Kysely<any>, run: (db: Kysely<any>) => Promise<void>): Promise<void> {
  if (db.isTransaction) return run(db);
  await db.transaction().execute(run);
}

export async function upWithKey(db: Kysely<any>, serverKey: Buffer): Promise<void> {
  await inTransaction(db, (trx) => migrate(trx, serverKey));
}

export async function up(db: Kysely<any>): Promise<void> {
  await inTransaction(db, (trx) => migrate(trx, undefined));
}

export async function down(): Promise<void> {
  throw new Error('0007-member-keys cannot be undone: it would put the staff list back in plain columns');
}
