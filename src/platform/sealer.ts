import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Database } from '../db/schema.ts';

/** Whose key seals a value: the server's (platform data) or one organisation's. */
export type SealScope = { readonly kind: 'platform' } | { readonly kind: 'org'; readonly orgId: string };

/** What a sealed value is bound to: a copy moved to another row or column fails to open. */
export interface SealAddress {
  readonly scope: SealScope;
  readonly table: string;
  readonly column: string;
  readonly rowId: string;
}

type Table = keyof Database;
type Column<T extends Table> = Extract<keyof Database[T], string>;

/**
 * The one way to address a sealed field. Table and column are checked against the schema, so a
 * renamed column is a type error here rather than data that no longer opens.
 */
export const sealAt = {
  platform<T extends Table>(table: T, column: Column<T>, rowId: string): SealAddress {
    return { scope: { kind: 'platform' }, table, column, rowId };
  },
  org<T extends Table>(orgId: string, table: T, column: Column<T>, rowId: string): SealAddress {
    return { scope: { kind: 'org', orgId }, table, column, rowId };
  },
};

/** The scope's name as bound into every sealed value and key derivation: do not change it. */
export function scopeName(scope: SealScope): string {
  return scope.kind === 'org' ? `org:${scope.orgId}` : 'platform';
}

export interface Sealer {
  seal(at: SealAddress, plaintext: string): Promise<string>;
  open(at: SealAddress, sealed: string): Promise<string>;
}

/** Finds the 256-bit data key of a scope. The keyring (src/platform/keyring.ts) is the usual one. */
export type KeySource = (scope: SealScope) => Promise<Buffer>;

const PREFIX = 'v1.';

function associatedData(at: SealAddress): Buffer {
  return Buffer.from(JSON.stringify([scopeName(at.scope), at.table, at.column, at.rowId]), 'utf8');
}

/** AES-256-GCM with a fresh 96-bit nonce per seal, under a key that only the caller's key source holds. */
export function sealWithKey(key: Buffer, ad: Buffer, plaintext: Buffer): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(ad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return PREFIX + Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url');
}

export function openWithKey(key: Buffer, ad: Buffer, sealed: string): Buffer {
  if (!sealed.startsWith(PREFIX)) throw new Error('not a sealed value');
  const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
  if (raw.length < 28) throw new Error('sealed value too short');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(ad);
  decipher.setAuthTag(raw.subarray(raw.length - 16));
  return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]);
}

/** A key source that derives each scope's key from the server key (tests, and the platform scope). */
export function derivedKeys(serverKey: Buffer): KeySource {
  const cache = new Map<string, Buffer>();
  return async (scope) => {
    const name = scopeName(scope);
    let key = cache.get(name);
    if (!key) cache.set(name, (key = Buffer.from(hkdfSync('sha256', serverKey, 'amparo-seal', `scope:${name}`, 32))));
    return key;
  };
}

export function createSealer(keys: KeySource): Sealer {
  return {
    async seal(at, plaintext) {
      return sealWithKey(await keys(at.scope), associatedData(at), Buffer.from(plaintext, 'utf8'));
    },
    async open(at, sealed) {
      return openWithKey(await keys(at.scope), associatedData(at), sealed).toString('utf8');
    },
  };
}
