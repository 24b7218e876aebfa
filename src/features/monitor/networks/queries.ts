// The SQL of networks: grants found by keyed tags under each member organisation's key, join codes by
// their hash, shared events by a tag under the network's key.
import type { Db } from '../../../db/client.ts';
import { newRevision } from '../../../platform/sealed-documents.ts';

export async function insertNetwork(db: Db, row: { id: string; salt: string; doc: string }): Promise<void> {
  await db
    .insertInto('monitor_networks')
    .values({ ...row, revision: newRevision() })
    .execute();
}

export async function findNetwork(db: Db, id: string) {
  return db.selectFrom('monitor_networks').select(['id', 'salt', 'doc']).where('id', '=', id).executeTakeFirst();
}

export async function putGrant(db: Db, row: { tag: string; orgTag: string; doc: string }): Promise<void> {
  await db
    .insertInto('monitor_network_grants')
    .values({ tag: row.tag, org_tag: row.orgTag, doc: row.doc })
    .onConflict((oc) => oc.column('tag').doUpdateSet({ doc: row.doc }))
    .execute();
}

export async function grantsOf(db: Db, orgTag: string) {
  return db.selectFrom('monitor_network_grants').select(['tag', 'doc']).where('org_tag', '=', orgTag).execute();
}

export async function putInvite(db: Db, hash: string, sealed: string): Promise<void> {
  await db.insertInto('monitor_network_invites').values({ hash, sealed }).execute();
}

/** Takes a join code's sealed secret once: the row is gone after. */
export async function takeInvite(db: Db, hash: string): Promise<string | undefined> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('monitor_network_invites')
      .select('sealed')
      .where('hash', '=', hash)
      .executeTakeFirst();
    if (row) await trx.deleteFrom('monitor_network_invites').where('hash', '=', hash).execute();
    return row?.sealed;
  });
}

export async function putShared(db: Db, row: { id: string; networkTag: string; doc: string }): Promise<void> {
  await db
    .insertInto('monitor_shared')
    .values({ id: row.id, network_tag: row.networkTag, doc: row.doc })
    .onConflict((oc) => oc.column('id').doUpdateSet({ doc: row.doc, network_tag: row.networkTag }))
    .execute();
}

export async function deleteShared(db: Db, id: string): Promise<void> {
  await db.deleteFrom('monitor_shared').where('id', '=', id).execute();
}

export async function sharedRows(db: Db, networkTag: string) {
  return db.selectFrom('monitor_shared').select(['id', 'doc']).where('network_tag', '=', networkTag).execute();
}
