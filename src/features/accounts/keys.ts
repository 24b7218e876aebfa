// The keys a member holds (decision 0014): their key pair, opened at sign-in with the password and carried
// by the session under a secret only its cookie has; and the grants, sealed boxes that bring each
// organisation's secret to a member. Shared by the accounts slices (signing in, invitations, organisations).
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import type { DecoyView } from '../../platform/access.ts';
import { KeyUnavailableError } from '../../platform/keyring.ts';
import {
  newKeyPair,
  openBox,
  openUnderSecret,
  sealBox,
  sealUnderSecret,
  unwrapPrivateKey,
  wrapPrivateKey,
  type KeyPair,
} from '../../platform/member-keys.ts';
import { deleteGrants, deleteGrantsOf, grantsOf, orgKeySalt, putGrant, updateUser, type UserRow } from './queries.ts';

const grantAd = (id: string, userId: string) => `key_grants:${id}:${userId}`;
const sessionAd = (sessionId: string) => `sessions:keys:${sessionId}`;

/** What a grant, an invitation and a recovery key carry. */
export interface OrgSecret {
  orgId: string;
  secret: string;
}

/** What a session carries under its cookie's secret: the member's key pair, or what a duress sign-in's decoy shows. */
export interface SessionKeys {
  pair?: KeyPair;
  decoy?: DecoyView;
}

/** Every session's bundle is padded to this size, so a decoy session's row looks like any other. */
const SESSION_KEYS_BYTES = 1024;

export function sealSessionKeys(token: string, sessionId: string, keys: SessionKeys): string {
  const value = {
    ...(keys.pair ? { publicKey: keys.pair.publicKey, privateKey: keys.pair.privateKey.toString('base64url') } : {}),
    ...(keys.decoy ? { decoy: keys.decoy } : {}),
  };
  const size = Buffer.byteLength(JSON.stringify({ ...value, pad: '' }), 'utf8');
  const padded = { ...value, pad: ' '.repeat(Math.max(0, SESSION_KEYS_BYTES - size)) };
  return sealUnderSecret(token, 'session-keys', sessionAd(sessionId), padded);
}

export function openSessionKeys(token: string, sessionId: string, sealed: string | null): SessionKeys | undefined {
  if (!sealed) return undefined;
  try {
    const value = openUnderSecret<{ publicKey?: string; privateKey?: string; decoy?: DecoyView }>(
      token,
      'session-keys',
      sessionAd(sessionId),
      sealed,
    );
    const pair =
      value.publicKey && value.privateKey
        ? { publicKey: value.publicKey, privateKey: Buffer.from(value.privateKey, 'base64url') }
        : undefined;
    return { ...(pair ? { pair } : {}), ...(value.decoy ? { decoy: value.decoy } : {}) };
  } catch {
    return undefined;
  }
}

/** A new key pair for an account, its private half wrapped by the password. */
export async function newAccountKeys(userId: string, password: string) {
  const pair = newKeyPair();
  return { pair, wrappedPrivateKey: await wrapPrivateKey(userId, pair.privateKey, password) };
}

/**
 * At sign-in, with the password just checked: the account's key pair. An account without one (made
 * before 0007, or whose keys were destroyed) gets a new one now, and with it no organisation's key.
 */
export async function unlockKeyPair(ctx: AppContext, user: UserRow, password: string): Promise<KeyPair> {
  if (user.publicKey && user.wrappedPrivateKey) {
    const privateKey = await unwrapPrivateKey(user.id, user.wrappedPrivateKey, password);
    if (privateKey) return { publicKey: user.publicKey, privateKey };
  }
  return replaceKeyPair(ctx.db, user.id, password, user.wrappedPrivateKey !== null ? ctx.clock.now() : null);
}

/** A new key pair wrapped by this password; grants to the old pair are destroyed (they could not be opened). */
export async function replaceKeyPair(db: Db, userId: string, password: string, lostAt: Date | null) {
  const { pair, wrappedPrivateKey } = await newAccountKeys(userId, password);
  await deleteGrantsOf(db, userId);
  await updateUser(db, userId, {
    publicKey: pair.publicKey,
    wrappedPrivateKey,
    ...(lostAt ? { accessLostAt: lostAt } : {}),
  });
  return pair;
}

/**
 * The same key pair under a new password (the person knew the old one: their session holds the pair).
 * Without it held, the old wrapping could never open again, so the account gets a new pair instead.
 */
export async function rewrapKeyPair(ctx: AppContext, db: Db, userId: string, password: string): Promise<void> {
  const pair = ctx.keyring.held()?.pair;
  if (!pair) {
    await replaceKeyPair(db, userId, password, ctx.clock.now());
    return;
  }
  await updateUser(db, userId, { wrappedPrivateKey: await wrapPrivateKey(userId, pair.privateKey, password) });
}

/** Destroys every grant to the account and its key pair: its access to every organisation is crypto-erased. */
export async function destroyKeys(db: Db, userId: string, now: Date): Promise<void> {
  await deleteGrantsOf(db, userId);
  await updateUser(db, userId, { publicKey: null, wrappedPrivateKey: null, accessLostAt: now });
}

function heldSecret(ctx: AppContext, orgId: string): Buffer {
  const entry = ctx.keyring.held()?.orgs.get(orgId);
  if (!entry) throw new KeyUnavailableError(`the key of organisation ${orgId} is not held`);
  return entry.secret;
}

/** The organisation's secret, as this request holds it, for an invitation link or a recovery key. */
export function orgSecretOf(ctx: AppContext, orgId: string): OrgSecret {
  return { orgId, secret: heldSecret(ctx, orgId).toString('base64url') };
}

/** Grants the organisation's secret (held by this request) to an account's current public key. */
export async function grantTo(
  ctx: AppContext,
  db: Db,
  orgId: string,
  user: { id: string; publicKey: string },
): Promise<void> {
  const id = ctx.keyring.tag(orgId, `grant:${user.id}`);
  const value: OrgSecret = orgSecretOf(ctx, orgId);
  const box = sealBox(user.publicKey, grantAd(id, user.id), Buffer.from(JSON.stringify(value)));
  await putGrant(db, { id, userId: user.id, box, now: ctx.clock.now() });
  await updateUser(db, user.id, { accessLostAt: null });
}

export async function revokeGrant(ctx: AppContext, db: Db, orgId: string, userId: string): Promise<void> {
  await deleteGrants(db, [ctx.keyring.tag(orgId, `grant:${userId}`)]);
}

/** Admits an organisation's secret into this request's keys; false if the organisation no longer exists. */
export async function admitSecret(ctx: AppContext, value: OrgSecret): Promise<boolean> {
  const org = await orgKeySalt(ctx.db, value.orgId);
  if (!org) return false;
  ctx.keyring.admit(value.orgId, Buffer.from(value.secret, 'base64url'), org.salt);
  return true;
}

/**
 * Opens the grants to the account whose key pair this request holds and admits each organisation. A grant
 * for an organisation that was erased is deleted on the way.
 */
export async function admitGrants(ctx: AppContext, userId: string): Promise<void> {
  const pair = ctx.keyring.held()?.pair;
  if (!pair) return;
  const orphans: string[] = [];
  for (const grant of await grantsOf(ctx.db, userId)) {
    let value: OrgSecret;
    try {
      value = JSON.parse(openBox(pair, grantAd(grant.id, userId), grant.box).toString('utf8')) as OrgSecret;
    } catch {
      continue; // sealed to an older key pair: it can never open, and is replaced by a new grant
    }
    if (!(await admitSecret(ctx, value))) orphans.push(grant.id);
  }
  await deleteGrants(ctx.db, orphans);
}
