// Lookup keys: a keyed hash finds a row by a value (an email address) without storing the value in the
// clear. The key is derived from the server key once, when the context is built.
import { createHmac, hkdfSync } from 'node:crypto';

export interface Lookup {
  /** The lookup key of an email address, as stored in the `email_lookup` columns. */
  email(address: string): string;
}

export function normaliseEmail(email: string): string {
  return email.trim().normalize('NFKC').toLowerCase();
}

/** The derivation and the normalisation are part of every stored `email_lookup`: do not change them. */
export function createLookup(serverKey: Buffer): Lookup {
  const key = Buffer.from(hkdfSync('sha256', serverKey, 'amparo-lookup', 'email', 32));
  return {
    email: (address) => createHmac('sha256', key).update(normaliseEmail(address)).digest('hex'),
  };
}
