import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** What a sealed value is bound to: a copy moved to another row or column fails to open. */
export interface SealContext {
  /** `platform` for server-wide data, `org:<id>` for an organisation's data. */
  scope: string;
  table: string;
  column: string;
  rowId: string;
}

export interface Sealer {
  seal(ctx: SealContext, plaintext: string): Promise<string>;
  open(ctx: SealContext, sealed: string): Promise<string>;
}

/** Finds the 256-bit data key of a scope. The keyring (src/platform/keyring.ts) is the usual one. */
export type KeySource = (scope: string) => Promise<Buffer>;

const PREFIX = 'v1.';

function associatedData(ctx: SealContext): Buffer {
  return Buffer.from(JSON.stringify([ctx.scope, ctx.table, ctx.column, ctx.rowId]), 'utf8');
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
    let key = cache.get(scope);
    if (!key) cache.set(scope, (key = Buffer.from(hkdfSync('sha256', serverKey, 'amparo-seal', `scope:${scope}`, 32))));
    return key;
  };
}

export function createSealer(keys: KeySource): Sealer {
  return {
    async seal(ctx, plaintext) {
      return sealWithKey(await keys(ctx.scope), associatedData(ctx), Buffer.from(plaintext, 'utf8'));
    },
    async open(ctx, sealed) {
      return openWithKey(await keys(ctx.scope), associatedData(ctx), sealed).toString('utf8');
    },
  };
}
