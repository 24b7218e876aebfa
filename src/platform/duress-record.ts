// The duress record (docs/decisions/0016), set on the safety page and opened at sign-in: what a sign-in
// with the duress passphrase does and what its decoy shows, sealed under a key derived from that passphrase (argon2id, its own salt), so only the
// passphrase opens it. Every record is padded to one size, and an account without a passphrase carries a
// record sealed under a random one, so a copied disk cannot tell who has set one.
import { randomBytes } from 'node:crypto';
import type { DecoyView } from './access.ts';
import { openUnderPassphrase, sealUnderPassphrase } from './member-keys.ts';

export interface DuressPlan {
  decoy: DecoyView;
  /** Destroy the member's grants and key pair: their access is crypto-erased until an admin restores it. */
  destroyKeys: boolean;
  /** End every other session of the account. */
  endSessions: boolean;
  /** Send the prepared alert to the trusted contacts. */
  alert: boolean;
  /** Erase this organisation (an owner's choice, where it allows it): its secret, kept for this alone. */
  erase: { orgId: string; secret: string } | null;
}

const RECORD_BYTES = 2048;
const recordAd = (userId: string) => Buffer.from(JSON.stringify(['users', 'duress', userId]));

function padded(value: object): Buffer {
  const json = JSON.stringify(value);
  const size = Buffer.byteLength(json, 'utf8');
  return Buffer.from(json + ' '.repeat(Math.max(0, RECORD_BYTES - size)), 'utf8');
}

export function sealDuressPlan(userId: string, passphrase: string, plan: DuressPlan): Promise<string> {
  return sealUnderPassphrase(passphrase, recordAd(userId), padded(plan));
}

/** The plan, or null when the passphrase does not open the record (a stored record always costs one derivation). */
export async function openDuressPlan(userId: string, stored: string | null, passphrase: string) {
  const opened = await openUnderPassphrase(passphrase, recordAd(userId), stored ?? '{}');
  return opened ? (JSON.parse(opened.toString('utf8')) as DuressPlan) : null;
}

/** A record and its hash under a random passphrase nobody knows: what an account without one carries. */
export async function blankDuress(userId: string, hash: (secret: string) => Promise<string>) {
  const secret = randomBytes(32).toString('base64url');
  const plan: DuressPlan = { decoy: { org: null }, destroyKeys: false, endSessions: false, alert: false, erase: null };
  return { duressHash: await hash(secret), sealedDuress: await sealDuressPlan(userId, secret, plan) };
}
