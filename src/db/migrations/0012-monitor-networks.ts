// Networks of organisations (issue 13, docs/decisions/0021). A network has its own secret, held only
// sealed under each member organisation's key (a grant found by a keyed tag) or under a one-time join
// code; the events members share with it are sealed under it. Nothing on disk says which organisations
// belong to which network.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('monitor_networks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('salt', 'text', (c) => c.notNull())
    .addColumn('doc', 'text', (c) => c.notNull())
    .addColumn('revision', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('monitor_network_grants')
    .addColumn('tag', 'text', (c) => c.primaryKey())
    .addColumn('org_tag', 'text', (c) => c.notNull())
    .addColumn('doc', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('monitor_network_grants_org').on('monitor_network_grants').column('org_tag').execute();
  await db.schema
    .createTable('monitor_network_invites')
    .addColumn('hash', 'text', (c) => c.primaryKey())
    .addColumn('sealed', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('monitor_shared')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('network_tag', 'text', (c) => c.notNull())
    .addColumn('doc', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('monitor_shared_network').on('monitor_shared').column('network_tag').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['monitor_shared', 'monitor_network_invites', 'monitor_network_grants', 'monitor_networks'])
    await db.schema.dropTable(table).execute();
}
