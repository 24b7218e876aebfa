import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSealer, derivedKeys, sealAt } from './sealer.ts';

// Node's AES-GCM says this, and only this, when the tag does not verify (wrong key, data or context).
const NOT_AUTHENTIC = /unable to authenticate data/;

const at = sealAt.platform('suggestions', 'payload', 'r1');

describe('sealer', () => {
  const sealer = createSealer(derivedKeys(randomBytes(32)));

  it('opens what it sealed, and never shows the plaintext', async () => {
    const sealed = await sealer.seal(at, 'Witness: Ana Pérez, +58 412 000');
    expect(sealed).not.toContain('Ana');
    expect(await sealer.open(at, sealed)).toBe('Witness: Ana Pérez, +58 412 000');
  });

  it('uses a fresh nonce each time', async () => {
    expect(await sealer.seal(at, 'same')).not.toBe(await sealer.seal(at, 'same'));
  });

  it('refuses a ciphertext moved to another row, column, table or scope', async () => {
    const sealed = await sealer.seal(at, 'secret');
    for (const moved of [
      { rowId: 'r2' },
      { column: 'other' },
      { table: 'cases' },
      { scope: { kind: 'org', orgId: '2' } as const },
    ]) {
      await expect(sealer.open({ ...at, ...moved }, sealed)).rejects.toThrow(NOT_AUTHENTIC);
    }
  });

  it('refuses a tampered ciphertext and one sealed under another server key', async () => {
    const sealed = await sealer.seal(at, 'secret');
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    raw[14] = raw[14]! ^ 1;
    await expect(sealer.open(at, 'v1.' + raw.toString('base64url'))).rejects.toThrow(NOT_AUTHENTIC);
    await expect(createSealer(derivedKeys(randomBytes(32))).open(at, sealed)).rejects.toThrow(NOT_AUTHENTIC);
  });

  it('still opens values sealed before seal addresses were typed (the bound scope names did not change)', async () => {
    // Sealed by the code at 5e96448, whose addresses were plain strings ('org:abc', 'platform').
    const old = createSealer(derivedKeys(Buffer.alloc(32, 7)));
    const orgValue = 'v1.9WDdgS8twxsrHazpN4K8aQPKU1OFfG5NjWVwkVCFSBS3uEsXQ10tiVAEUDygYv1Bth5BGVo';
    const userValue = 'v1.gkwESZcmnOHq4wb-NzPmU0C4j6wDmy1xWUg7p7zcjFlWpLfMUR7BCHETVQ';
    expect(await old.open(sealAt.org('abc', 'assessments', 'doc', 'x'), orgValue)).toBe('sealed before the reshape');
    expect(await old.open(sealAt.platform('users', 'email', 'u1'), userValue)).toBe('ana@example.org');
    await expect(old.open(sealAt.platform('assessments', 'doc', 'x'), orgValue)).rejects.toThrow(NOT_AUTHENTIC);
  });
});
