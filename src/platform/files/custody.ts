// Chain of custody of one evidence file (the Berkeley Protocol's preservation record): every upload,
// access, export and edit is an entry, and every entry carries the hash of the one before it, the first
// the hash of a start derived from the file's SHA-256. Changing, removing, reordering or inserting an
// entry breaks the chain at that place. A chain alone cannot show its last entries were cut off, nor
// stop someone who rewrites every hash after their change: keep the last hash (`head`) somewhere else
// too (a sealed record, a published register) and check against it.
import { createHash } from 'node:crypto';

export const CUSTODY_ACTIONS = ['upload', 'view', 'download', 'export', 'edit', 'publish', 'unpublish'] as const;
export type CustodyAction = (typeof CUSTODY_ACTIONS)[number];

/** What happened: when (an ISO 8601 time), who (a member id), what, and optionally a note. */
export interface CustodyEvent {
  at: string;
  actor: string;
  action: CustodyAction;
  detail?: string;
}

export interface CustodyEntry extends CustodyEvent {
  /** The previous entry's hash, or the chain's start for the first. */
  prev: string;
  /** SHA-256 (hex) of this entry with `prev`, in the canonical form below. */
  hash: string;
}

export type CustodyCheck = { ok: true } | { ok: false; at: number; reason: string };

const VERSION = 'amparo-custody-v1';
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The hash the first entry follows: bound to the file, so a log cannot be moved to another file. */
export const custodyGenesis = (fileSha256: string): string => sha256(`${VERSION}\n${fileSha256.toLowerCase()}`);

/** A fixed-order JSON array: the same entry always gives the same bytes. */
const entryHash = (e: CustodyEvent, prev: string): string =>
  sha256(JSON.stringify([VERSION, prev, e.at, e.actor, e.action, e.detail ?? null]));

/** The log with one more entry (the entries given are not changed). */
export function appendCustody(
  entries: readonly CustodyEntry[],
  next: CustodyEvent,
  fileSha256: string,
): CustodyEntry[] {
  if (!CUSTODY_ACTIONS.includes(next.action)) throw new Error(`unknown custody action: ${String(next.action)}`);
  const prev = entries.length > 0 ? entries[entries.length - 1]!.hash : custodyGenesis(fileSha256);
  const event: CustodyEvent = { at: next.at, actor: next.actor, action: next.action };
  if (next.detail !== undefined) event.detail = next.detail;
  return [...entries, { ...event, prev, hash: entryHash(event, prev) }];
}

/**
 * Checks the log of the file whose SHA-256 is `fileSha256`, from the first entry: the first entry that
 * was changed, or does not follow the one before it, is named by its index. `head`, the last hash as kept
 * elsewhere, also catches entries cut off the end.
 */
export function verifyCustody(entries: readonly CustodyEntry[], fileSha256: string, head?: string): CustodyCheck {
  let prev = custodyGenesis(fileSha256);
  for (const [i, entry] of entries.entries()) {
    if (entry.prev !== prev) {
      return {
        ok: false,
        at: i,
        reason: i === 0 ? 'does not start this file’s log' : `does not follow entry ${i - 1}`,
      };
    }
    if (!CUSTODY_ACTIONS.includes(entry.action)) return { ok: false, at: i, reason: 'unknown action' };
    if (entryHash(entry, prev) !== entry.hash) return { ok: false, at: i, reason: 'entry changed' };
    prev = entry.hash;
  }
  if (head !== undefined && head !== prev) {
    return { ok: false, at: entries.length, reason: 'entries missing at the end, or the log was rewritten' };
  }
  return { ok: true };
}
