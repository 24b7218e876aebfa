import { describe, expect, it } from 'vitest';
import {
  newKeyPair,
  newRecoveryKey,
  normaliseRecoveryKey,
  openBox,
  openUnderSecret,
  sealBox,
  sealUnderSecret,
  unwrapPrivateKey,
  wrapPrivateKey,
} from './member-keys.ts';

describe('member keys', () => {
  it('a sealed box opens only with the recipient private key and the same binding', () => {
    const alice = newKeyPair();
    const bob = newKeyPair();
    const box = sealBox(alice.publicKey, 'grant:1', Buffer.from('org secret'));
    expect(openBox(alice, 'grant:1', box).toString()).toBe('org secret');
    expect(() => openBox(bob, 'grant:1', box)).toThrow();
    expect(() => openBox(alice, 'grant:2', box)).toThrow();
    expect(box).not.toContain(Buffer.from('org secret').toString('base64url'));
  });

  it('the private key opens with the password only, and is bound to its account', async () => {
    const pair = newKeyPair();
    const stored = await wrapPrivateKey('u1', pair.privateKey, 'correct horse battery');
    expect(stored).not.toContain(pair.privateKey.toString('base64url'));
    expect((await unwrapPrivateKey('u1', stored, 'correct horse battery'))?.equals(pair.privateKey)).toBe(true);
    expect(await unwrapPrivateKey('u1', stored, 'wrong horse battery')).toBeNull();
    expect(await unwrapPrivateKey('u2', stored, 'correct horse battery')).toBeNull();
    // The unwrapped key still opens boxes sealed to the account's public key.
    const box = sealBox(pair.publicKey, 'x', Buffer.from('hello'));
    const back = await unwrapPrivateKey('u1', stored, 'correct horse battery');
    expect(openBox({ publicKey: pair.publicKey, privateKey: back! }, 'x', box).toString()).toBe('hello');
  });

  it('a value sealed under a one-time secret opens with that secret only', () => {
    const sealed = sealUnderSecret('token-a', 'invitation', 'inv:1', { orgId: 'o1' });
    expect(openUnderSecret('token-a', 'invitation', 'inv:1', sealed)).toEqual({ orgId: 'o1' });
    expect(() => openUnderSecret('token-b', 'invitation', 'inv:1', sealed)).toThrow();
    expect(() => openUnderSecret('token-a', 'recovery', 'inv:1', sealed)).toThrow();
  });

  it('recovery keys are 32 readable characters and forgive how they are typed back', () => {
    const key = newRecoveryKey();
    expect(key).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(newRecoveryKey()).not.toBe(key);
    expect(normaliseRecoveryKey(key.toLowerCase().replace(/-/g, ' '))).toBe(key);
    expect(normaliseRecoveryKey('too short')).toBeNull();
  });
});
