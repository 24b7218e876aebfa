// Time-based one-time passwords (RFC 6238 on top of RFC 4226 HOTP) and
// recovery codes for two-step sign-in. node:crypto only, so there is no
// third-party code in the authentication path apart from the QR renderer.
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import QRCode from 'qrcode';

const STEP_SECONDS = 30; // authenticator apps assume 30 s / 6 digits / SHA1;
const DIGITS = 6; // other values are silently ignored by several of them.
const DRIFT_STEPS = 1; // accept one step either side for phone clock drift.
const SECRET_BYTES = 20; // 160 bits, the HMAC-SHA1 block size RFC 4226 recommends.

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding (what otpauth:// URIs expect). */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}

/** Lenient decode: ignores case, spaces and padding so hand-typed secrets work. */
export function base32Decode(input: string): Buffer {
  const clean = input.toUpperCase().replace(/[\s=-]/g, '');
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const idx = B32.indexOf(ch);
    if (idx < 0) throw new Error('Invalid base32 character');
    value = ((value << 5) | idx) & 0xffff; // keep only the bits still pending
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function generateTotpSecret(): string {
  return base32Encode(randomBytes(SECRET_BYTES));
}

/** "ABCD EFGH ..." for people copying the secret by hand instead of scanning. */
export function formatSecret(secret: string): string {
  return (
    secret
      .replace(/\s/g, '')
      .match(/.{1,4}/g)
      ?.join(' ') ?? ''
  );
}

export function currentStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / STEP_SECONDS);
}

/** HOTP value for a given counter (RFC 4226 §5.3 dynamic truncation). */
export function totpAt(secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const bin = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(bin % 10 ** DIGITS).padStart(DIGITS, '0');
}

/**
 * Returns the matched step (store it as the new lastUsedStep) or null.
 * Steps at or before lastUsedStep are refused so an observed code cannot be
 * replayed within its validity window.
 */
export function verifyTotp(secret: string, code: string, at: Date, lastUsedStep: number | null): number | null {
  const given = code.replace(/\s/g, '');
  if (!/^\d+$/.test(given) || given.length !== DIGITS) return null;
  const givenBuf = Buffer.from(given);
  const now = currentStep(at);
  let matched: number | null = null;
  // Check every candidate (no early exit) so timing does not reveal which one matched.
  for (let step = now - DRIFT_STEPS; step <= now + DRIFT_STEPS; step++) {
    const ok = timingSafeEqual(givenBuf, Buffer.from(totpAt(secret, step)));
    if (ok && matched === null && (lastUsedStep === null || step > lastUsedStep)) matched = step;
  }
  return matched;
}

/** Key URI format understood by Google Authenticator, Aegis, FreeOTP, 1Password... */
export function otpauthUri(secret: string, account: string, issuer: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const params = [
    `secret=${encodeURIComponent(secret.replace(/\s/g, ''))}`,
    `issuer=${encodeURIComponent(issuer)}`,
    'algorithm=SHA1',
    `digits=${DIGITS}`,
    `period=${STEP_SECONDS}`,
  ];
  return `otpauth://totp/${label}?${params.join('&')}`;
}

const escapeAttr = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * Server-rendered QR code, safe to inline under a strict CSP (no inline styles,
 * no scripts, no XML prolog). qrcode 1.5.x already emits only presentation
 * attributes; the stripping below is a guard against future versions.
 */
export async function qrSvg(text: string, label: string): Promise<string> {
  const raw = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  const svg = raw
    .replace(/<\?xml[^>]*\?>/g, '')
    .replace(/<!DOCTYPE[^>]*>/gi, '')
    .replace(/<script[\s\S]*?<\/script>/gi, '')
    .replace(/\s(?:style|on\w+)\s*=\s*("[^"]*"|'[^']*')/gi, '')
    .trim();
  return svg.replace(/<svg\b/, `<svg role="img" aria-label="${escapeAttr(label)}"`);
}

// No 0/o/O, 1/l/I/i: codes are read off paper and typed by hand.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const RECOVERY_LENGTH = 10;

/** Each code is "xxxxx-xxxxx", ~49.5 bits (10 chars from 31 symbols). */
export function generateRecoveryCodes(count = 10): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    let code = '';
    for (let i = 0; i < RECOVERY_LENGTH; i++) code += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
    codes.add(`${code.slice(0, 5)}-${code.slice(5)}`);
  }
  return [...codes];
}

export function normaliseRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[\s-]/g, '');
}

/**
 * SHA-256 rather than a slow password hash: the codes are random with ~50 bits
 * of entropy (not human-chosen), so an offline brute force of a leaked hash is
 * already ~2^49 work per code, and a fast hash keeps sign-in cheap.
 */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(normaliseRecoveryCode(code)).digest('hex');
}
