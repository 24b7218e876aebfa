// Organisation data keys, held only while a member's request runs (decision 0014). An organisation has
// a random secret that exists on disk only wrapped for its members (a sealed box per member, an
// invitation link's secret, the recovery key) and a salt in its own row; its data key is derived from
// both. Destroying the row's salt, or every wrapped copy, erases the organisation's sealed data.
//
// A request that has keys runs inside `hold`: the keys live in that request's scope (AsyncLocalStorage)
// and are wiped when it ends. No process-wide cache of organisation keys exists. Organisations made
// before 0007 still have a key wrapped by the server key in org_keys until an owner signs in.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { Db } from '../db/client.ts';
import { AppError } from './errors.ts';
import type { KeyPair } from './member-keys.ts';
import { writeDate } from '../db/values.ts';
import { derivedKeys, openWithKey, sealWithKey, type KeySource } from './sealer.ts';

/** The organisation's key is not held in this request: the person has lost access, or never had it. */
export class KeyUnavailableError extends AppError {
  override name = 'KeyUnavailableError';
  override readonly status: number = 403;
  override readonly messageKey: string = 'error.keyUnavailable';
}

/** The keys one request holds: the member's key pair, and each organisation's secret and data key. */
export interface HeldKeys {
  pair?: KeyPair;
  orgs: Map<string, { secret: Buffer; dataKey: Buffer }>;
}

export interface Keyring {
  keys: KeySource;
  /** Runs `fn` with these keys held; when it settles they are overwritten and let go. */
  hold<T>(held: HeldKeys, fn: () => Promise<T>): Promise<T>;
  /** The keys of the request running now, if it holds any. */
  held(): HeldKeys | undefined;
  /** How many organisation data keys the whole process holds at this moment (across live requests). */
  liveKeyCount(): number;
  /** Adds an organisation to the current request's keys: its secret, and its row's salt (null before 0007). */
  admit(orgId: string, secret: Buffer, salt: string | null): Buffer;
  /** Lets go of an organisation's key in this request (the person is not, or no longer, its member). */
  release(orgId: string): void;
  /** A keyed tag only holders of the organisation's key can compute: hides which rows belong to it. */
  tag(orgId: string, label: string): string;
  /** The organisation's key as wrapped by the server key (organisations made before 0007), or null. */
  legacySecret(orgId: string): Promise<Buffer | null>;
}

const wrapAd = (orgId: string) => Buffer.from(JSON.stringify(['org_keys', 'wrapped', orgId]), 'utf8');

/** The data key from the secret and salt. Organisations from before 0007 have no salt: their secret is the key. */
export function dataKeyOf(secret: Buffer, salt: string | null): Buffer {
  if (salt === null) return Buffer.from(secret);
  return Buffer.from(hkdfSync('sha256', secret, Buffer.from(salt, 'base64url'), 'amparo-org-data-key', 32));
}

export function newOrgSecret(): { secret: Buffer; salt: string } {
  return { secret: randomBytes(32), salt: randomBytes(32).toString('base64url') };
}

/** One scope for the process: each request's keys are visible only inside that request. */
const scope = new AsyncLocalStorage<HeldKeys>();

/** The data key of an organisation if the running request holds it (the audit log seals with it). */
export function heldDataKey(orgId: string): Buffer | undefined {
  return scope.getStore()?.orgs.get(orgId)?.dataKey;
}

/** HMAC of a label under the organisation's data key. */
export function orgTag(dataKey: Buffer, label: string): string {
  return createHmac('sha256', dataKey).update(`amparo-tag:${label}`).digest('base64url');
}

export function emptyKeys(pair?: KeyPair): HeldKeys {
  return pair ? { pair, orgs: new Map() } : { orgs: new Map() };
}

function wipe(held: HeldKeys): void {
  for (const { secret, dataKey } of held.orgs.values()) {
    secret.fill(0);
    dataKey.fill(0);
  }
  held.orgs.clear();
  held.pair?.privateKey.fill(0);
}

const serverKek = (serverKey: Buffer) => Buffer.from(hkdfSync('sha256', serverKey, 'amparo-kek', 'org-data-keys', 32));

/** An organisation's key as wrapped by the server key in org_keys (organisations from before 0007), or null. */
async function openServerWrapped(db: Db, kek: Buffer, orgId: string): Promise<Buffer | null> {
  const row = await db.selectFrom('org_keys').select('wrapped').where('org_id', '=', orgId).executeTakeFirst();
  return row ? openWithKey(kek, wrapAd(orgId), row.wrapped) : null;
}

/**
 * Keys as they were before 0007: each organisation's key wrapped by the server key in org_keys. Only
 * migrations (which move such data) and their tests use it.
 */
export function legacyKeySource(db: Db, serverKey: Buffer): KeySource {
  const kek = serverKek(serverKey);
  const platform = derivedKeys(serverKey);
  return async (s) => {
    if (s.kind === 'platform') return platform(s);
    const key = await openServerWrapped(db, kek, s.orgId);
    if (!key) throw new Error(`no data key for organisation ${s.orgId}`);
    return key;
  };
}

/** An organisation key in the old shape (for tests of migrations from it). */
export async function createLegacyOrgKey(db: Db, serverKey: Buffer, orgId: string, now: Date): Promise<void> {
  const wrapped = sealWithKey(serverKek(serverKey), wrapAd(orgId), randomBytes(32));
  await db
    .insertInto('org_keys')
    .values({ org_id: orgId, wrapped, created_at: writeDate(now) })
    .execute();
}

export function createKeyring(db: Db, serverKey: Buffer): Keyring {
  const kek = serverKek(serverKey);
  const platform = derivedKeys(serverKey);
  const live = new Set<HeldKeys>();
  const dataKey = (orgId: string): Buffer => {
    const entry = scope.getStore()?.orgs.get(orgId);
    if (!entry) throw new KeyUnavailableError(`the key of organisation ${orgId} is not held`);
    return entry.dataKey;
  };
  return {
    async keys(s) {
      return s.kind === 'platform' ? platform(s) : dataKey(s.orgId);
    },
    async hold(held, fn) {
      live.add(held);
      try {
        return await scope.run(held, fn);
      } finally {
        live.delete(held);
        wipe(held);
      }
    },
    held: () => scope.getStore(),
    liveKeyCount: () => [...live].reduce((n, h) => n + h.orgs.size, 0),
    admit(orgId, secret, salt) {
      const held = scope.getStore();
      if (!held) throw new Error('admit: no request holds keys here');
      const key = dataKeyOf(secret, salt);
      held.orgs.set(orgId, { secret: Buffer.from(secret), dataKey: key });
      return key;
    },
    release(orgId) {
      const entry = scope.getStore()?.orgs.get(orgId);
      if (!entry) return;
      entry.secret.fill(0);
      entry.dataKey.fill(0);
      scope.getStore()!.orgs.delete(orgId);
    },
    tag(orgId, label) {
      return orgTag(dataKey(orgId), label);
    },
    legacySecret: (orgId) => openServerWrapped(db, kek, orgId),
  };
}
