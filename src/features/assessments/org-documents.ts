// An organisation's action plan and the what-if cards it adopted: one sealed document per organisation
// and kind in org_documents (platform/sealed-documents.ts for the sealing, padding and compare-and-swap),
// its SQL in queries.ts. Shared by the plan and scenarios slices, which each own one kind: every query
// takes the organisation id, and creating one kind creates the others, empty, so that whether an
// organisation adopted what-if cards at all does not show as a row of its own.
import type { AppContext } from '../../context.ts';
import { newId } from '../../platform/ids.ts';
import { openDocument, sealDocument, withRetries } from '../../platform/sealed-documents.ts';
import { sealAt, type SealAddress } from '../../platform/sealer.ts';
import { findOrgDocument, insertOrgDocument, swapOrgDocument, type DocKind, type OrgDocumentRow } from './queries.ts';

export type { DocKind } from './queries.ts';
const KINDS: DocKind[] = ['plan', 'scenarios'];

const orgDocAt = (orgId: string, kind: DocKind, id: string): SealAddress =>
  sealAt.org(orgId, 'org_documents', 'doc', `${kind}:${id}`);

/** A document's content; `empty` when it has none yet (no row, or a row made with its sibling: null). */
async function contentOf<D>(
  ctx: AppContext,
  orgId: string,
  row: OrgDocumentRow | undefined,
  empty: () => D,
): Promise<D> {
  return (
    (row && (await openDocument<D | null>(ctx.sealer, orgDocAt(orgId, row.kind, row.id), row.sealedDoc))) ?? empty()
  );
}

/**
 * Creates the organisation's document of this kind and, holding nothing (sealed null), every other kind
 * it lacks: whether an organisation adopted what-if cards at all must not show as a row of its own.
 */
async function createOrgDocs(ctx: AppContext, orgId: string, kind: DocKind, doc: unknown): Promise<boolean> {
  for (const other of KINDS.filter((k) => k !== kind)) {
    const id = newId(16);
    await insertOrgDocument(ctx.db, {
      id,
      orgId,
      kind: other,
      sealedDoc: await sealDocument(ctx.sealer, orgDocAt(orgId, other, id), null),
    });
  }
  const id = newId(16);
  return insertOrgDocument(ctx.db, {
    id,
    orgId,
    kind,
    sealedDoc: await sealDocument(ctx.sealer, orgDocAt(orgId, kind, id), doc),
  });
}

/** The organisation's document of this kind, opened; `empty` when it has none yet. */
export async function readOrgDoc<D>(ctx: AppContext, orgId: string, kind: DocKind, empty: () => D): Promise<D> {
  return contentOf(ctx, orgId, await findOrgDocument(ctx.db, orgId, kind), empty);
}

/**
 * Changes the organisation's document of this kind: `change` gets the current content and returns the
 * new content (or none, to leave it as it is) and a result. Created on first change, with a random id (and
 * its siblings, empty).
 */
export async function changeOrgDoc<D, R>(
  ctx: AppContext,
  orgId: string,
  kind: DocKind,
  empty: () => D,
  change: (doc: D) => { doc?: D; result: R },
): Promise<R> {
  const landed = await withRetries(async () => {
    const row = await findOrgDocument(ctx.db, orgId, kind);
    const { doc, result } = change(await contentOf(ctx, orgId, row, empty));
    if (!doc) return { result };
    if (!row) return (await createOrgDocs(ctx, orgId, kind, doc)) ? { result } : undefined;
    const sealedDoc = await sealDocument(ctx.sealer, orgDocAt(orgId, kind, row.id), doc);
    return (await swapOrgDocument(ctx.db, orgId, row.id, row.revision, sealedDoc)) ? { result } : undefined;
  });
  return landed.result;
}
