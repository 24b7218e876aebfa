// Reading and writing this slice's sealed documents: an organisation's (the remote trigger, sealed and
// padded under its key, so the length does not count trusted members or reports) and a member's check-in
// (under the platform scope). Writers compare-and-swap on the revision they read.
import type { AppContext } from '../../../context.ts';
import type { Db } from '../../../db/client.ts';
import { openDocument, sealDocument } from '../../../platform/sealed-documents.ts';
import { sealAt, type SealAddress } from '../../../platform/sealer.ts';
import { deleteDoc, findDoc, findDocs, putDoc, type DocRow, type DocTable } from './queries.ts';

export interface Place {
  table: DocTable;
  tag: string;
  at: SealAddress;
}

export interface Read<D> {
  place: Place;
  /** null when there is no row yet. */
  revision: string | null;
  doc: D | undefined;
}

export const orgPlace = (orgId: string, tag: string): Place => ({
  table: 'remote_trigger',
  tag,
  at: sealAt.org(orgId, 'remote_trigger', 'doc', tag),
});

export const platformPlace = (tag: string): Place => ({
  table: 'check_ins',
  tag,
  at: sealAt.platform('check_ins', 'doc', tag),
});

async function opened<D>(ctx: AppContext, place: Place, row: DocRow | undefined): Promise<Read<D>> {
  if (!row) return { place, revision: null, doc: undefined };
  return { place, revision: row.revision, doc: await openDocument<D>(ctx.sealer, place.at, row.sealedDoc) };
}

export async function readDoc<D>(ctx: AppContext, db: Db, place: Place): Promise<Read<D>> {
  return opened(ctx, place, await findDoc(db, place.table, place.tag));
}

/** Several documents of one table at once; those without a row are left out. */
export async function readDocs<D>(ctx: AppContext, db: Db, places: Place[]): Promise<Read<D>[]> {
  if (places.length === 0) return [];
  const rows = await findDocs(
    db,
    places[0]!.table,
    places.map((p) => p.tag),
  );
  return Promise.all(
    rows.map((row) =>
      opened<D>(
        ctx,
        places.find((p) => p.tag === row.tag)!,
        row,
      ),
    ),
  );
}

/** Replaces what was read with `doc` (null deletes it); false when someone else wrote first. */
export async function writeDoc<D>(ctx: AppContext, db: Db, read: Read<D>, doc: D | null): Promise<boolean> {
  const { table, tag, at } = read.place;
  if (doc === null) return read.revision === null || deleteDoc(db, table, tag, read.revision);
  return putDoc(db, table, tag, read.revision, await sealDocument(ctx.sealer, at, doc));
}
