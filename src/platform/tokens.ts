// Random tokens. Only hashes of tokens are stored: a copy of the database cannot be replayed as a
// session, an invitation or a reset link.
import { createHash, randomBytes } from 'node:crypto';

/** 256 bits, URL-safe. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
