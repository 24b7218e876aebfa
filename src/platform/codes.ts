// Codes people copy by hand and type back (receipt codes, case codes, passphrases, recovery keys):
// Crockford's base32 without the look-alikes, easy to read aloud.
import { randomBytes } from 'node:crypto';

export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `chars` random characters (5 random bits each), in groups of five joined by dashes. */
export function newCode(chars: number): string {
  return [...randomBytes(chars)]
    .map((b) => CROCKFORD[b & 31])
    .join('')
    .match(/.{1,5}/g)!
    .join('-');
}

/** A typed code of `chars` characters in its canonical form (case, spaces, dashes, look-alikes forgiven), or null. */
export function normaliseCode(typed: string, chars: number): string | null {
  const plain = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return plain.length === chars && /^[0-9A-HJKMNP-TV-Z]+$/.test(plain) ? plain : null;
}
