import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** What a sealed value is bound to: a copy moved to another row or column fails to open. */
export interface SealContext {
  scope: string;
  table: string;
  column: string;
  rowId: string;
}

export interface Sealer {
  seal(ctx: SealContext, plaintext: string): string;
  open(ctx: SealContext, sealed: string): string;
}

const PREFIX = 'v1.';

function associatedData(ctx: SealContext): Buffer {
  return Buffer.from(JSON.stringify([ctx.scope, ctx.table, ctx.column, ctx.rowId]), 'utf8');
}

/**
 * AES-256-GCM with a fresh 96-bit nonce per seal. The key for each scope is derived from the server
 * key with HKDF; the accounts feature replaces `keyFor` with per-organisation data keys.
 */
export function createSealer(serverKey: Buffer, keyFor?: (scope: string) => Buffer): Sealer {
  const cache = new Map<string, Buffer>();
  const derive =
    keyFor ??
    ((scope: string) => {
      let key = cache.get(scope);
      if (!key) {
        key = Buffer.from(hkdfSync('sha256', serverKey, 'amparo-seal', `scope:${scope}`, 32));
        cache.set(scope, key);
      }
      return key;
    });
  return {
    seal(ctx, plaintext) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', derive(ctx.scope), nonce);
      cipher.setAAD(associatedData(ctx));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url');
    },
    open(ctx, sealed) {
      if (!sealed.startsWith(PREFIX)) throw new Error('not a sealed value');
      const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', derive(ctx.scope), raw.subarray(0, 12));
      decipher.setAAD(associatedData(ctx));
      decipher.setAuthTag(raw.subarray(raw.length - 16));
      return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
    },
  };
}
