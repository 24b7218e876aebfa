// An organisation's monitor data when the organisation is erased (accounts/erase): its rows are found by
// tags under its key, so this runs while the erasing owner's request still holds the old key. Without
// it (the operator, at the command line) the rows stay, sealed under a key that no longer exists. The
// public intake goes in the erasure's own transaction (intake/service.ts eraseIntakes).
import path from 'node:path';
import type { AppContext } from '../../context.ts';
import { unindex } from '../../db/fulltext.ts';
import { removeSealed } from '../../platform/files/sealed-store.ts';
import type { MonitorEvent } from './model.ts';
import { removeCopies } from './copies.ts';
import { openEvent, orgTags } from './sealing.ts';

export async function eraseMonitorRows(ctx: AppContext, orgId: string): Promise<void> {
  const tags = orgTags(ctx, orgId);
  const db = ctx.db;
  const events = await db
    .selectFrom('monitor_events')
    .select(['id', 'doc', 'revision'])
    .where('org_tag', '=', tags.events)
    .execute();
  for (const row of events) {
    const e = await openEvent<MonitorEvent>(ctx, orgId, row).catch(() => null);
    if (e) await removeCopies(ctx, e);
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('monitor_versions').where('event_tag', '=', tags.versionsOf(row.id)).execute();
      await unindex(trx, 'monitor', row.id);
      await trx.deleteFrom('monitor_events').where('id', '=', row.id).execute();
    });
  }
  const filesTag = ctx.keyring.tag(orgId, 'monitor:files');
  const files = await db.selectFrom('monitor_files').select('id').where('org_tag', '=', filesTag).execute();
  for (const f of files) await removeSealed(path.join(ctx.config.dataDir, 'files'), f.id).catch(() => false);
  await db.deleteFrom('monitor_files').where('org_tag', '=', filesTag).execute();
  await db.deleteFrom('monitor_network_grants').where('org_tag', '=', ctx.keyring.tag(orgId, 'networks')).execute();
}
