// Password rules, shared by the accounts slices: what a new password must be, and argon2id hashing.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { hash, parseOptions, verify, type Algorithm, type Options } from '@node-rs/argon2';
import { z } from 'zod';
import { projectRoot } from '../../config/config.ts';

// Counted in code points so a passphrase in any script gets the same allowance (ASVS 5.0 V6.2).
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
/** For the hint under every new-password field. */
export const PASSWORD_LIMITS = { min: PASSWORD_MIN, max: PASSWORD_MAX };

export type PasswordProblem = 'tooShort' | 'tooLong' | 'common' | 'containsEmail';

// OWASP / ASVS appendix C minimum for argon2id. Literal 2 because the package's
// Algorithm is an ambient const enum, which isolated modules cannot read.
const ARGON2ID = 2 as Algorithm;
const VERSION_0X13 = 1;
const OPTIONS = {
  algorithm: ARGON2ID,
  memoryCost: 47104,
  timeCost: 1,
  parallelism: 1,
  outputLen: 32,
} satisfies Options;

const COMMON_FILE = path.join(projectRoot, 'data/passwords/common.txt');
let common: Set<string> | undefined;

// Loaded on first use so processes that never see a password don't pay for it.
function commonPasswords(): Set<string> {
  common ??= new Set(
    fs
      .readFileSync(COMMON_FILE, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
  );
  return common;
}

// NFKC so the same passphrase typed on different keyboards/IMEs hashes the same.
function normalise(password: string): string {
  return password.normalize('NFKC');
}

/** The first reason to refuse a new password, or null. Deliberately no composition rules. */
export function passwordProblem(password: string, email?: string): PasswordProblem | null {
  const pw = normalise(password);
  const length = [...pw].length;
  if (length < PASSWORD_MIN) return 'tooShort';
  if (length > PASSWORD_MAX) return 'tooLong';
  const lower = pw.toLowerCase();
  if (commonPasswords().has(lower)) return 'common';
  if (email) {
    const at = email.lastIndexOf('@');
    const local = normalise(at >= 0 ? email.slice(0, at) : email).toLowerCase();
    // Very short local parts ("ana") would reject too many unrelated passwords.
    if ([...local].length >= 4 && lower.includes(local)) return 'containsEmail';
  }
  return null;
}

/**
 * A form with a new password, checked for length and against the list of common ones, typed twice;
 * `emailField` names the field whose address the password must not contain.
 */
export function newPasswordSchema<T extends z.ZodRawShape>(shape: T, emailField?: keyof T & string) {
  return z
    .object({
      ...shape,
      password: z.string().max(4 * PASSWORD_MAX),
      password_confirm: z.string().max(4 * PASSWORD_MAX),
    })
    .superRefine((raw, ctx) => {
      const v = raw as Record<string, unknown> & { password: string; password_confirm: string };
      const problem = passwordProblem(v.password, emailField ? String(v[emailField] ?? '') : undefined);
      if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: `password.${problem}` });
      else if (v.password !== v.password_confirm)
        ctx.addIssue({ code: 'custom', path: ['password_confirm'], message: 'password.mismatch' });
    });
}

export function hashPassword(password: string): Promise<string> {
  return hash(normalise(password), OPTIONS);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, normalise(password));
  } catch {
    // A corrupt or foreign hash must read as "wrong password", never as a 500.
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Burns the same argon2 work as a real login so response time does not reveal
 * whether an account exists. The dummy's password is random and discarded.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(32).toString('base64url'));
  await verifyPassword(await dummyHash, password);
  return false;
}

/** True when a stored hash is weaker than the current policy, so it is upgraded at next login. */
export function needsRehash(hashed: string): boolean {
  try {
    const p = parseOptions(hashed);
    return (
      p.algorithm !== OPTIONS.algorithm ||
      p.version !== VERSION_0X13 ||
      p.memoryCost < OPTIONS.memoryCost ||
      p.timeCost < OPTIONS.timeCost ||
      p.outputLen < OPTIONS.outputLen
    );
  } catch {
    return true;
  }
}
