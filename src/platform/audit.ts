// The audit log: append-only, each entry hash-chained to the one before, recording who did what to
// which object. Never an IP address, a user agent or sensitive content: only ids and action names.
// Editing or deleting an entry breaks the chain, and `amparo audit verify` finds where. Entries about an
// organisation are sealed under its key (decision 0014).
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/client.ts';
import { dialectOf } from '../db/dialect.ts';
import { readDate, writeDate } from '../db/values.ts';
import { heldDataKey, orgTag } from './keyring.ts';
import { openWithKey, sealWithKey } from './sealer.ts';

export interface AuditEvent {
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  orgId?: string | null;
}

export interface AuditEntry extends Required<AuditEvent> {
  seq: number;
  at: Date;
  prevHash: string;
  hash: string;
}

export const GENESIS = '0'.repeat(64);

export function entryHash(prevHash: string, e: Omit<AuditEntry, 'hash' | 'prevHash'>): string {
  const canonical = JSON.stringify([
    e.seq,
    e.at.toISOString(),
    e.actor,
    e.action,
    e.objectType,
    e.objectId,
    e.orgId ?? null,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/** Any fixed number: the PostgreSQL advisory lock that lets one writer at a time append. */
const AUDIT_LOCK = 724_611;

/**
 * Appends one entry. Called with a transaction, the entry commits or rolls back with the change it
 * records; called with the database, it runs in a transaction of its own. On PostgreSQL an advisory
 * lock serialises writers from every process; SQLite writes one transaction at a time anyway, and a
 * write racing another process (SQLITE_BUSY) is retried when the entry has a transaction of its own.
 */
export async function audit(db: Db, event: AuditEvent, now: Date): Promise<AuditEntry> {
  if (db.isTransaction) return append(db, event, now);
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction().execute((trx) => append(trx, event, now));
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * 10 * (attempt + 1)));
    }
  }
}

async function append(trx: Db, event: AuditEvent, now: Date): Promise<AuditEntry> {
  if (dialectOf(trx) === 'postgres') await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(trx);
  const last = await trx
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const seq = last ? Number(last.seq) + 1 : 1;
  const entry = { seq, at: now, action: event.action, objectType: event.objectType, ...stored(event, seq) };
  const prevHash = last?.hash ?? GENESIS;
  const hash = entryHash(prevHash, entry);
  await trx
    .insertInto('audit_log')
    .values({
      seq: entry.seq,
      at: writeDate(now),
      actor: entry.actor,
      action: entry.action,
      object_type: entry.objectType,
      object_id: entry.objectId,
      org_id: entry.orgId,
      prev_hash: prevHash,
      hash,
    })
    .execute();
  return { ...entry, prevHash, hash };
}

const sealedAd = (column: string, seq: number) => Buffer.from(JSON.stringify(['audit_log', column, seq]));

/**
 * How an event is stored. About an organisation whose key the request holds, the entry keeps a tag
 * instead of the organisation's id and seals who acted and on what under its key: a copied disk must not
 * tell who belongs to which organisation. Other entries (and an operator's, with no key) stay plain.
 */
function stored(event: AuditEvent, seq: number): Pick<AuditEntry, 'actor' | 'objectId' | 'orgId'> {
  const key = event.orgId ? heldDataKey(event.orgId) : undefined;
  if (!key) return { actor: event.actor, objectId: event.objectId, orgId: event.orgId ?? null };
  const seal = (column: string, value: string) => sealWithKey(key, sealedAd(column, seq), Buffer.from(value, 'utf8'));
  return {
    actor: seal('actor', event.actor),
    objectId: seal('object_id', event.objectId),
    orgId: orgTag(key, 'audit'),
  };
}

/** An organisation's entries as they were recorded, opened with its data key (tests, and a future audit view). */
export async function orgAuditEntries(db: Db, dataKey: Buffer): Promise<AuditEntry[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('org_id', '=', orgTag(dataKey, 'audit'))
    .orderBy('seq')
    .execute();
  return rows.map((r) => {
    const seq = Number(r.seq);
    const open = (column: string, value: string) => openWithKey(dataKey, sealedAd(column, seq), value).toString('utf8');
    return {
      seq,
      at: readDate(r.at),
      actor: open('actor', r.actor),
      action: r.action,
      objectType: r.object_type,
      objectId: open('object_id', r.object_id),
      orgId: r.org_id,
      prevHash: r.prev_hash,
      hash: r.hash,
    };
  });
}

export interface VerifyResult {
  entries: number;
  head: string;
  problems: { seq: number; problem: string }[];
}

/**
 * Recomputes the chain from the first entry. An edited entry fails its own hash; a deleted one leaves a
 * gap in seq and a broken link. Removing the newest entries leaves a shorter valid chain: compare the
 * head hash with one recorded elsewhere (the command prints it) to catch that.
 */
export async function verifyAudit(db: Db): Promise<VerifyResult> {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  const problems: VerifyResult['problems'] = [];
  let prev = GENESIS;
  let expectedSeq = 1;
  for (const row of rows) {
    const seq = Number(row.seq);
    if (seq !== expectedSeq) problems.push({ seq, problem: `entries ${expectedSeq}..${seq - 1} are missing` });
    if (row.prev_hash !== prev) problems.push({ seq, problem: 'does not link to the entry before it' });
    const recomputed = entryHash(row.prev_hash, {
      seq,
      at: readDate(row.at),
      actor: row.actor,
      action: row.action,
      objectType: row.object_type,
      objectId: row.object_id,
      orgId: row.org_id,
    });
    if (recomputed !== row.hash) problems.push({ seq, problem: 'was changed after it was written' });
    prev = row.hash;
    expectedSeq = seq + 1;
  }
  return { entries: rows.length, head: prev, problems };
}
