// Evidence files of monitor events: the file itself sealed on disk by platform/files (under a key derived
// from the organisation's data key, bound to its event), and one sealed row in monitor_files with what is
// known about it and its chain of custody. Every custody entry also goes into the audit log, with the
// chain's new head in its (sealed) object id: the audit log is itself hash-chained, so a custody log cut
// short or rewritten in the row no longer ends at the head the audit log last recorded for the file.
import path from 'node:path';
import { Readable } from 'node:stream';
import type { AppContext } from '../../../context.ts';
import { actorId, isDecoy, requireAccess, type Actor } from '../../../platform/access.ts';
import { audit, orgAuditEntries } from '../../../platform/audit.ts';
import { NotFoundError, ValidationError } from '../../../platform/errors.ts';
import {
  appendCustody,
  verifyCustody,
  type CustodyAction,
  type CustodyCheck,
  type CustodyEntry,
} from '../../../platform/files/custody.ts';
import { FileDamagedError } from '../../../platform/files/errors.ts';
import type { FileKind } from '../../../platform/files/sniff.ts';
import * as store from '../../../platform/files/sealed-store.ts';
import { STRIPPABLE, stripMetadata } from '../../../platform/files/strip-metadata.ts';
import { heldDataKey } from '../../../platform/keyring.ts';
import { withRetries } from '../../../platform/sealed-documents.ts';
import { sealAt } from '../../../platform/sealer.ts';
import { newId } from '../../../platform/ids.ts';
import { openEvent, sealEvent } from '../sealing.ts';
import { attachFile, getEvent } from '../service.ts';
import * as q from './queries.ts';

export interface EvidenceFile {
  id: string;
  eventId: string;
  sourceId: string;
  /** The name it was uploaded with: may identify someone, so it stays in the sealed row and is never served. */
  originalName: string;
  mime: string;
  kind: FileKind;
  ext: string;
  size: number;
  sha256: string;
  uploadedAt: string;
  uploadedBy: string;
  custody: CustodyEntry[];
  /** The custody chain's last hash (also in the audit log's entry of that action). */
  head: string;
  /** A copy without metadata, stored apart, for publication. */
  publishedCopy?: { fileId: string; sha256: string; size: number };
}

export interface Upload {
  body: store.Source;
  name: string;
  declaredMime: string;
  /** The event's source it documents; null: a new source is added for it. */
  sourceId: string | null;
}

const fileAt = (orgId: string, id: string) => sealAt.org(orgId, 'monitor_files', 'doc', id);
const orgTag = (ctx: AppContext, orgId: string) => ctx.keyring.tag(orgId, 'monitor:files');
const filesDir = (ctx: AppContext) => path.join(ctx.config.dataDir, 'files');
/** Derived from the organisation's data key (never the key itself): only members' requests can open files. */
const fileKey = (ctx: AppContext, orgId: string) =>
  Buffer.from(ctx.keyring.tag(orgId, 'monitor:files:key'), 'base64url');
const boundTo = (orgId: string, eventId: string, copy = false) =>
  `monitor-file:${orgId}:${eventId}${copy ? ':published' : ''}`;
const auditId = (fileId: string, head: string) => `${fileId}:${head}`;

/**
 * Removes the half-written files of uploads a crash cut off (run when the server starts). Only those older
 * than six hours: another process's upload over a slow connection may still be arriving. How many.
 */
export const sweepEvidenceUploads = (ctx: AppContext): Promise<number> =>
  store.sweepSealedTemp(filesDir(ctx), 6 * 60 * 60_000, ctx.clock.now().getTime());

/** Before reading an upload's body: only those who may edit events may add files. */
export function mayUpload(actor: Actor, orgId: string): void {
  requireAccess(actor, 'org:write', { orgId });
}

async function found(ctx: AppContext, orgId: string, id: string) {
  const row = await q.findFileRow(ctx.db, orgTag(ctx, orgId), id);
  if (!row) throw new NotFoundError('no such file');
  return { row, file: await openEvent<EvidenceFile>(ctx, orgId, row, fileAt(orgId, id)) };
}

const auditEntry = (actor: Actor, orgId: string, action: CustodyAction, file: EvidenceFile) => ({
  actor: actorId(actor),
  action: `monitor.evidence.${action}`,
  objectType: 'monitor-file',
  objectId: auditId(file.id, file.head),
  orgId,
});

/** Stores an upload (refused whole if its content is not what it says), and adds it to the event's source. */
export async function uploadEvidence(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  eventId: string,
  upload: Upload,
): Promise<EvidenceFile> {
  mayUpload(actor, orgId);
  if (isDecoy(actor)) throw new NotFoundError('no such event');
  const event = await getEvent(ctx, actor, orgId, eventId);
  if (upload.sourceId !== null && !event.sources.some((s) => s.id === upload.sourceId))
    throw new ValidationError({ source: { key: 'validation.choice' } });
  const stored = await store.storeSealed(filesDir(ctx), upload.body, fileKey(ctx, orgId), {
    maxBytes: ctx.config.monitorMaxUpload,
    ad: boundTo(orgId, eventId),
    declaredMime: upload.declaredMime || undefined,
    fileName: upload.name || undefined,
  });
  const at = ctx.clock.now().toISOString();
  const by = actorId(actor);
  const custody = appendCustody([], { at, actor: by, action: 'upload' }, stored.sha256);
  const sourceId = upload.sourceId ?? newId(8);
  const file: EvidenceFile = {
    id: stored.fileId,
    eventId,
    sourceId,
    originalName: upload.name.slice(0, 300),
    ...stored.type,
    size: stored.size,
    sha256: stored.sha256,
    uploadedAt: at,
    uploadedBy: by,
    custody,
    head: custody[custody.length - 1]!.hash,
  };
  const tag = orgTag(ctx, orgId);
  try {
    const doc = await sealEvent(ctx, fileAt(orgId, file.id), file);
    await ctx.db.transaction().execute(async (trx) => {
      await q.insertFile(trx, tag, file.id, doc);
      await audit(trx, auditEntry(actor, orgId, 'upload', file), ctx.clock.now());
    });
    const target =
      upload.sourceId !== null
        ? { sourceId: upload.sourceId }
        : {
            newSource: {
              id: sourceId,
              kind: file.kind === 'pdf' ? 'document' : 'media',
              url: '',
              description: `evidence-${file.id}.${file.ext}`,
              collector: '',
              capturedOn: '' as const,
              reliability: 'cannot-judge',
            },
          };
    await attachFile(ctx, actor, orgId, eventId, file.id, target);
  } catch (error) {
    await q.deleteFileRow(ctx.db, tag, file.id);
    await store.removeSealed(filesDir(ctx), file.id);
    throw error;
  }
  return file;
}

/** The files of an event's sources, by id (those missing or of another organisation are left out). */
export async function evidenceFiles(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  ids: readonly string[],
): Promise<Map<string, EvidenceFile>> {
  requireAccess(actor, 'org:read', { orgId });
  if (isDecoy(actor)) return new Map();
  const rows = await q.fileRows(ctx.db, orgTag(ctx, orgId), ids);
  const files = await Promise.all(rows.map((r) => openEvent<EvidenceFile>(ctx, orgId, r, fileAt(orgId, r.id))));
  return new Map(files.map((f) => [f.id, f]));
}

/** Adds one entry to the file's custody log (and `change` to its row), in one transaction with its audit entry. */
async function recordCustody(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  id: string,
  action: CustodyAction,
  change: (f: EvidenceFile) => Partial<EvidenceFile> = () => ({}),
  detail?: string,
): Promise<EvidenceFile> {
  const tag = orgTag(ctx, orgId);
  return withRetries(async () => {
    const { row, file } = await found(ctx, orgId, id);
    const at = ctx.clock.now().toISOString();
    const custody = appendCustody(file.custody, { at, actor: actorId(actor), action, detail }, file.sha256);
    const next = { ...file, ...change(file), custody, head: custody[custody.length - 1]!.hash };
    const doc = await sealEvent(ctx, fileAt(orgId, id), next);
    return ctx.db.transaction().execute(async (trx) => {
      if (!(await q.swapFile(trx, tag, id, row.revision, doc))) return undefined;
      await audit(trx, auditEntry(actor, orgId, action, next), ctx.clock.now());
      return next;
    });
  });
}

/**
 * The stored original (or its published copy) as a stream, after a 'download' entry is added to its custody
 * log. A stored file that no longer opens as it was sealed ends the stream with FileDamagedError.
 */
export async function downloadEvidence(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  id: string,
  copy = false,
): Promise<{ file: EvidenceFile; stream: Readable; size: number }> {
  requireAccess(actor, 'org:read', { orgId });
  if (isDecoy(actor)) throw new NotFoundError('no such file');
  const { file: before } = await found(ctx, orgId, id);
  if (copy && !before.publishedCopy) throw new NotFoundError('no published copy');
  const file = await recordCustody(ctx, actor, orgId, id, copy ? 'export' : 'download');
  const key = fileKey(ctx, orgId);
  const stream = copy
    ? store.openSealed(filesDir(ctx), file.publishedCopy!.fileId, key, boundTo(orgId, file.eventId, true))
    : store.openSealed(filesDir(ctx), id, key, boundTo(orgId, file.eventId));
  return { file, stream, size: copy ? file.publishedCopy!.size : file.size };
}

export interface CustodyReport {
  file: EvidenceFile;
  /** The stored bytes' hash now; null when they no longer open (changed, moved or missing). */
  stored: { sha256: string; size: number } | null;
  /** The head of the file's last audit entry; null when there is none. */
  auditHead: string | null;
  chain: CustodyCheck;
  /** All of it holds: the stored bytes are the uploaded ones, and the log is whole and unchanged. */
  ok: boolean;
}

/** The custody log of a file, checked: the stored bytes against the hash taken at upload, the chain, its head. */
export async function custodyReport(ctx: AppContext, actor: Actor, orgId: string, id: string): Promise<CustodyReport> {
  requireAccess(actor, 'org:read', { orgId });
  if (isDecoy(actor)) throw new NotFoundError('no such file');
  const { file } = await found(ctx, orgId, id);
  const stored = await store
    .hashSealed(filesDir(ctx), id, fileKey(ctx, orgId), boundTo(orgId, file.eventId))
    .catch((error: unknown) => {
      if (error instanceof FileDamagedError || error instanceof NotFoundError) return null;
      throw error;
    });
  // Every entry of the organisation is opened to find the file's last: fine for a page one asks for.
  const entries = await orgAuditEntries(ctx.db, heldDataKey(orgId)!);
  const last = entries.filter((e) => e.objectType === 'monitor-file' && e.objectId.startsWith(`${id}:`)).pop();
  const auditHead = last ? last.objectId.slice(id.length + 1) : null;
  const chain = verifyCustody(file.custody, file.sha256, auditHead ?? file.head);
  const same = stored !== null && stored.sha256 === file.sha256 && stored.size === file.size;
  return { file, stored, auditHead, chain, ok: same && chain.ok && auditHead === file.head };
}

/** Thrown when asked to publish a file that is not an image whose metadata can be removed. */
export class NotPublishableError extends ValidationError {
  override name = 'NotPublishableError';
  constructor() {
    super({ file: { key: 'evidence.error.cannotStrip' } });
  }
}

/**
 * Makes the copy that may be published: the image without its metadata (location, device, times), sealed
 * as a file of its own beside the original, which is never changed. Admins and owners only.
 */
export async function publishEvidence(ctx: AppContext, actor: Actor, orgId: string, id: string) {
  requireAccess(actor, 'org:manage', { orgId });
  if (isDecoy(actor)) throw new NotFoundError('no such file');
  const { file } = await found(ctx, orgId, id);
  if (file.publishedCopy) return file;
  if (file.kind !== 'image' || !STRIPPABLE.includes(file.mime)) throw new NotPublishableError();
  const key = fileKey(ctx, orgId);
  const original = await store.readSealed(filesDir(ctx), id, key, boundTo(orgId, file.eventId));
  const stripped = stripMetadata(original, file.mime);
  const copy = await store.storeSealed(filesDir(ctx), Readable.from([stripped]), key, {
    maxBytes: ctx.config.monitorMaxUpload,
    ad: boundTo(orgId, file.eventId, true),
    declaredMime: file.mime,
  });
  try {
    const publishedCopy = { fileId: copy.fileId, sha256: copy.sha256, size: copy.size };
    return await recordCustody(ctx, actor, orgId, id, 'publish', () => ({ publishedCopy }), `copy ${copy.sha256}`);
  } catch (error) {
    await store.removeSealed(filesDir(ctx), copy.fileId);
    throw error;
  }
}

/** An event deleted: its files go with it, originals and published copies (the caller checked access). */
export async function removeEventFiles(ctx: AppContext, orgId: string, fileIds: readonly string[]): Promise<void> {
  for (const id of fileIds) {
    const row = await q.findFileRow(ctx.db, orgTag(ctx, orgId), id);
    if (!row) continue;
    const file = await openEvent<EvidenceFile>(ctx, orgId, row, fileAt(orgId, id));
    for (const stored of [file.id, file.publishedCopy?.fileId])
      if (stored) await store.removeSealed(filesDir(ctx), stored);
    await q.deleteFileRow(ctx.db, orgTag(ctx, orgId), id);
  }
}
