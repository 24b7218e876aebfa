// Sealed documents. An organisation's risk picture (its answers, its action plan, the what-if cards it
// adopted) is stored as one sealed value per assessment and one per organisation and kind, never as a
// row per answer, action or card: a copied disk shows which documents exist, not what is in them.
// Each value is padded to a multiple of PAD_BYTES before sealing, so its length does not count the
// answers or actions either. Writers change a document by compare-and-swap on its revision and retry.
import type { AppContext } from '../context.ts';
import { ConflictError } from './errors.ts';
import { sealAt, type SealAddress, type Sealer } from './sealer.ts';
import { newId } from './ids.ts';
import * as q from '../features/assessments/assessment/queries.ts';
import type { DocKind } from '../features/assessments/assessment/queries.ts';

export const PAD_BYTES = 16 * 1024;
const ATTEMPTS = 8;

/** JSON, then spaces up to the next multiple of PAD_BYTES (JSON.parse ignores trailing spaces). */
export function padded(value: unknown): string {
  const json = JSON.stringify(value);
  const size = Buffer.byteLength(json, 'utf8');
  return json + ' '.repeat(Math.ceil((size + 1) / PAD_BYTES) * PAD_BYTES - size);
}

export const assessmentDocAt = (orgId: string, id: string): SealAddress => sealAt.org(orgId, 'assessments', 'doc', id);
export const orgDocAt = (orgId: string, kind: DocKind, id: string): SealAddress =>
  sealAt.org(orgId, 'org_documents', 'doc', `${kind}:${id}`);

export async function sealDoc(sealer: Sealer, at: SealAddress, value: unknown): Promise<string> {
  return sealer.seal(at, padded(value));
}

export async function openDoc<T>(sealer: Sealer, at: SealAddress, sealed: string): Promise<T> {
  return JSON.parse(await sealer.open(at, sealed)) as T;
}

/**
 * Runs a read-modify-write until its compare-and-swap lands: `attempt` returns `undefined` when
 * someone else changed the document first (it is then read again), or the result.
 */
export async function withRetries<T>(attempt: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < ATTEMPTS; i++) {
    const result = await attempt();
    if (result !== undefined) return result;
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * (i + 1)));
  }
  throw new ConflictError('too many people changed this at once; try again');
}

const KINDS: DocKind[] = ['plan', 'scenarios'];

/** A document's content; `empty` when it has none yet (no row, or a row made with its sibling: null). */
async function contentOf<D>(
  ctx: AppContext,
  orgId: string,
  row: q.OrgDocumentRow | undefined,
  empty: () => D,
): Promise<D> {
  return (row && (await openDoc<D | null>(ctx.sealer, orgDocAt(orgId, row.kind, row.id), row.sealedDoc))) ?? empty();
}

/**
 * Creates the organisation's document of this kind and, holding nothing (sealed null), every other kind
 * it lacks: whether an organisation adopted what-if cards at all must not show as a row of its own.
 */
async function createOrgDocs(ctx: AppContext, orgId: string, kind: DocKind, doc: unknown): Promise<boolean> {
  for (const other of KINDS.filter((k) => k !== kind)) {
    const id = newId(16);
    await q.insertOrgDocument(ctx.db, {
      id,
      orgId,
      kind: other,
      sealedDoc: await sealDoc(ctx.sealer, orgDocAt(orgId, other, id), null),
    });
  }
  const id = newId(16);
  return q.insertOrgDocument(ctx.db, {
    id,
    orgId,
    kind,
    sealedDoc: await sealDoc(ctx.sealer, orgDocAt(orgId, kind, id), doc),
  });
}

/** The organisation's document of this kind, opened; `empty` when it has none yet. */
export async function readOrgDoc<D>(ctx: AppContext, orgId: string, kind: DocKind, empty: () => D): Promise<D> {
  return contentOf(ctx, orgId, await q.findOrgDocument(ctx.db, orgId, kind), empty);
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
    const row = await q.findOrgDocument(ctx.db, orgId, kind);
    const { doc, result } = change(await contentOf(ctx, orgId, row, empty));
    if (!doc) return { result };
    if (!row) return (await createOrgDocs(ctx, orgId, kind, doc)) ? { result } : undefined;
    const sealedDoc = await sealDoc(ctx.sealer, orgDocAt(orgId, kind, row.id), doc);
    return (await q.swapOrgDocument(ctx.db, orgId, row.id, row.revision, sealedDoc)) ? { result } : undefined;
  });
  return landed.result;
}
