import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../config/config.ts';
import {
  PASSWORD_MAX,
  PASSWORD_MIN,
  hashPassword,
  needsRehash,
  passwordProblem,
  verifyAgainstDummy,
  verifyPassword,
} from './passwords.ts';

const GOOD = 'correct horse battery staple';

describe('passwordProblem', () => {
  it('counts length in code points, after NFKC', () => {
    expect(PASSWORD_MIN).toBe(8);
    expect(PASSWORD_MAX).toBe(128);
    expect(passwordProblem('😀'.repeat(8))).toBeNull();
    expect(passwordProblem('😀'.repeat(7))).toBe('tooShort');
    expect(passwordProblem('😀'.repeat(128))).toBeNull();
    expect(passwordProblem('😀'.repeat(129))).toBe('tooLong');
    // 8 code points as typed, but only 4 once "e + combining acute" is composed.
    expect(passwordProblem('e\u0301'.repeat(4))).toBe('tooShort');
  });

  it('rejects passwords from the shipped common list, case-insensitively', () => {
    const lines = fs
      .readFileSync(path.join(projectRoot, 'data/passwords/common.txt'), 'utf8')
      .split('\n')
      .filter(Boolean);
    expect(lines.length).toBeGreaterThanOrEqual(3000);
    expect(lines.filter((l) => [...l].length >= PASSWORD_MIN).length).toBeGreaterThanOrEqual(3000);
    expect(new Set(lines).size).toBe(lines.length);
    expect(passwordProblem('password123')).toBe('common');
    expect(passwordProblem('PassWord123')).toBe('common');
    expect(passwordProblem('iloveyou')).toBe('common');
    expect(passwordProblem(GOOD)).toBeNull();
  });

  it('rejects passwords containing the email local part of 4+ characters', () => {
    expect(passwordProblem('Mariana.Lopez', 'mariana.lopez@example.org')).toBe('containsEmail');
    expect(passwordProblem('xx-mariana-2024', 'Mariana@example.org')).toBe('containsEmail');
    expect(passwordProblem(GOOD, 'mariana@example.org')).toBeNull();
    // Short local parts are ignored: "ana" would match far too many passwords.
    expect(passwordProblem('banana-split-42', 'ana@example.org')).toBeNull();
  });
});

describe('hashing', () => {
  it('round-trips with argon2id at the ASVS minimum and rejects wrong or malformed input', async () => {
    const started = performance.now();
    const hash = await hashPassword('caf\u00e9 con leche');
    const hashMs = performance.now() - started;
    expect(hash.startsWith('$argon2id$v=19$m=47104,t=1,p=1$')).toBe(true);
    expect(hashMs).toBeGreaterThan(5);

    expect(await verifyPassword(hash, 'caf\u00e9 con leche')).toBe(true);
    // Decomposed input verifies too, because both sides are NFKC-normalised.
    expect(await verifyPassword(hash, 'cafe\u0301 con leche')).toBe(true);
    expect(await verifyPassword(hash, 'cafe con leche')).toBe(false);

    expect(await verifyPassword('', 'x')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
    expect(await verifyPassword('$2b$10$abcdefghijklmnopqrstuv', 'x')).toBe(false);
    expect(await verifyPassword(hash.slice(0, -10), 'caf\u00e9 con leche')).toBe(false);

    expect(needsRehash(hash)).toBe(false);
    expect(needsRehash(hash.replace('m=47104', 'm=19456'))).toBe(true);
    expect(needsRehash(hash.replace('$argon2id$', '$argon2i$'))).toBe(true);
    expect(needsRehash(hash.replace('m=47104', 'm=65536'))).toBe(false);
    expect(needsRehash('garbage')).toBe(true);
  });

  it('verifyAgainstDummy always resolves false after doing real work', async () => {
    expect(await verifyAgainstDummy(GOOD)).toBe(false); // first call also builds the dummy hash
    const started = performance.now();
    expect(await verifyAgainstDummy('')).toBe(false);
    expect(performance.now() - started).toBeGreaterThan(5);
  });
});
