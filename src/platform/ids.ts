// Row ids. Random, so an id says nothing about when a row was made or how many came before it.
import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Short, unguessable ids, easy to read aloud (no 0/O, 1/l). */
export function newId(length = 16): string {
  return [...randomBytes(length)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}
