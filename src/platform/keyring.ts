// Per-organisation data keys. Each organisation's sealed fields are under its own random 256-bit key,
// stored only wrapped (AES-256-GCM) by a key-encryption key derived from the server key. The
// protection feature will add wrappings by members' passphrases; destroying every wrapped copy of a
// key then erases that organisation's sealed data (crypto-erase).
import { hkdfSync, randomBytes } from 'node:crypto';
import type { Db } from '../db/client.ts';
import { writeDate } from '../db/values.ts';
import { derivedKeys, openWithKey, sealWithKey, type KeySource } from './sealer.ts';

export interface Keyring {
  keys: KeySource;
  createOrgKey(orgId: string, now: Date): Promise<void>;
}

const wrapAd = (orgId: string) => Buffer.from(JSON.stringify(['org_keys', 'wrapped', orgId]), 'utf8');

export function createKeyring(db: Db, serverKey: Buffer): Keyring {
  const kek = Buffer.from(hkdfSync('sha256', serverKey, 'amparo-kek', 'org-data-keys', 32));
  const platform = derivedKeys(serverKey);
  const unwrapped = new Map<string, Buffer>();
  return {
    async keys(scope) {
      if (scope.kind === 'platform') return platform(scope);
      const { orgId } = scope;
      const cached = unwrapped.get(orgId);
      if (cached) return cached;
      const row = await db.selectFrom('org_keys').select('wrapped').where('org_id', '=', orgId).executeTakeFirst();
      if (!row) throw new Error(`no data key for organisation ${orgId}`);
      const key = openWithKey(kek, wrapAd(orgId), row.wrapped);
      unwrapped.set(orgId, key);
      return key;
    },
    async createOrgKey(orgId, now) {
      const key = randomBytes(32);
      await db
        .insertInto('org_keys')
        .values({ org_id: orgId, wrapped: sealWithKey(kek, wrapAd(orgId), key), created_at: writeDate(now) })
        .execute();
      unwrapped.set(orgId, key);
    },
  };
}
