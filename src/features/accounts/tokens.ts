// Random tokens and lookup keys. Only hashes of tokens are stored: a copy of the database cannot be
// replayed as a session, an invitation or a reset link.
import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/** 256 bits, URL-safe. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function normaliseEmail(email: string): string {
  return email.trim().normalize('NFKC').toLowerCase();
}

/** A keyed hash of an email address: finds the account without storing the address in the clear. */
const lookupKeys = new WeakMap<Buffer, Buffer>();

export function emailLookup(serverKey: Buffer, email: string): string {
  let key = lookupKeys.get(serverKey);
  if (!key) lookupKeys.set(serverKey, (key = Buffer.from(hkdfSync('sha256', serverKey, 'amparo-lookup', 'email', 32))));
  return createHmac('sha256', key).update(normaliseEmail(email)).digest('hex');
}
