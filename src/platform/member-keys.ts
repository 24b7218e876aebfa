// The keys only members hold (decision 0014). Each account has an X25519 key pair whose private half is
// wrapped by a key derived from the person's password (argon2id, its own salt, apart from the login
// hash). An organisation's secret reaches a member as a sealed box to their public key, so an owner can
// grant it to someone who is offline; an invitation or a recovery key carries it under a one-time secret.
import {
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { hashRaw, type Algorithm } from '@node-rs/argon2';
import { CROCKFORD, normaliseCode } from './codes.ts';
import { openWithKey, sealWithKey } from './sealer.ts';

export interface KeyPair {
  /** Raw 32-byte X25519 public key, base64url: stored plain on the account. */
  publicKey: string;
  privateKey: Buffer;
}

const ARGON2ID = 2 as Algorithm;
/** The same cost as the login hash (passwords.ts): each sign-in pays for both. */
const KDF = { memoryCost: 47104, timeCost: 1, parallelism: 1 } as const;

function rawPublic(key: KeyObject): string {
  return key.export({ format: 'jwk' }).x!;
}

export function newKeyPair(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return {
    publicKey: rawPublic(publicKey),
    privateKey: Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url'),
  };
}

// PKCS#8 for a raw X25519 private key (RFC 8410): a fixed 16-byte header, then the 32 key bytes.
const PKCS8_X25519 = Buffer.from('302e020100300506032b656e04220420', 'hex');

function privateKeyObject(privateKey: Buffer): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_X25519, privateKey]), format: 'der', type: 'pkcs8' });
}

function publicKeyObject(publicKey: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: publicKey }, format: 'jwk' });
}

function boxKey(shared: Buffer, ephemeral: string, recipient: string): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, `${ephemeral}.${recipient}`, 'amparo-box-v1', 32));
}

/** Seals to a public key: an ephemeral X25519 key, HKDF, AES-256-GCM bound to `ad`. Only the private key opens it. */
export function sealBox(recipient: string, ad: string, plaintext: Buffer): string {
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralPublic = rawPublic(ephemeral.publicKey);
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: publicKeyObject(recipient) });
  return `${ephemeralPublic}.${sealWithKey(boxKey(shared, ephemeralPublic, recipient), Buffer.from(ad), plaintext)}`;
}

export function openBox(pair: KeyPair, ad: string, box: string): Buffer {
  const dot = box.indexOf('.');
  const ephemeralPublic = box.slice(0, dot);
  const shared = diffieHellman({
    privateKey: privateKeyObject(pair.privateKey),
    publicKey: publicKeyObject(ephemeralPublic),
  });
  return openWithKey(boxKey(shared, ephemeralPublic, pair.publicKey), Buffer.from(ad), box.slice(dot + 1));
}

/** What is kept of a value sealed under a passphrase (a private key, a duress record): salt, cost, ciphertext. */
interface WrappedPrivateKey {
  salt: string;
  m: number;
  t: number;
  p: number;
  wrapped: string;
}

async function passwordKey(password: string, salt: Buffer, cost: { m: number; t: number; p: number }) {
  return hashRaw(password.normalize('NFKC'), {
    algorithm: ARGON2ID,
    salt,
    memoryCost: cost.m,
    timeCost: cost.t,
    parallelism: cost.p,
    outputLen: 32,
  });
}

const privateAd = (userId: string) => Buffer.from(JSON.stringify(['users', 'private_key', userId]));

/** Seals bytes under a key derived from a passphrase (argon2id, its own salt, the sign-in cost), bound to `ad`. */
export async function sealUnderPassphrase(passphrase: string, ad: Buffer, plaintext: Buffer): Promise<string> {
  const salt = randomBytes(16);
  const cost = { m: KDF.memoryCost, t: KDF.timeCost, p: KDF.parallelism };
  const key = await passwordKey(passphrase, salt, cost);
  const record: WrappedPrivateKey = {
    salt: salt.toString('base64url'),
    ...cost,
    wrapped: sealWithKey(key, ad, plaintext),
  };
  return JSON.stringify(record);
}

/** The bytes, or null when the passphrase does not open them. Always pays for the derivation. */
export async function openUnderPassphrase(passphrase: string, ad: Buffer, stored: string): Promise<Buffer | null> {
  try {
    const record = JSON.parse(stored) as WrappedPrivateKey;
    const key = await passwordKey(passphrase, Buffer.from(record.salt, 'base64url'), record);
    return openWithKey(key, ad, record.wrapped);
  } catch {
    return null;
  }
}

/** The private key, wrapped under a key derived from the password; bound to the account id. */
export async function wrapPrivateKey(userId: string, privateKey: Buffer, password: string): Promise<string> {
  return sealUnderPassphrase(password, privateAd(userId), privateKey);
}

/** The private key, or null when the password does not open it. */
export async function unwrapPrivateKey(userId: string, stored: string, password: string): Promise<Buffer | null> {
  return openUnderPassphrase(password, privateAd(userId), stored);
}

/** A key derived from a one-time secret (an invitation link's token, a recovery key, a session token). */
export function secretKey(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), 'amparo-secret-v1', purpose, 32));
}

/** Seals JSON under a one-time secret. */
export function sealUnderSecret(secret: string, purpose: string, ad: string, value: unknown): string {
  return sealWithKey(secretKey(secret, purpose), Buffer.from(ad), Buffer.from(JSON.stringify(value)));
}

export function openUnderSecret<T>(secret: string, purpose: string, ad: string, sealed: string): T {
  return JSON.parse(openWithKey(secretKey(secret, purpose), Buffer.from(ad), sealed).toString('utf8')) as T;
}

/** A recovery key: 160 random bits as 32 characters in groups of four. */
export function newRecoveryKey(): string {
  const bytes = randomBytes(20);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{4}/g)!.join('-');
}

/** A typed recovery key in its one canonical form (case, spaces, dashes and look-alikes forgiven). */
export function normaliseRecoveryKey(typed: string): string | null {
  return normaliseCode(typed, 32)?.match(/.{4}/g)!.join('-') ?? null;
}
