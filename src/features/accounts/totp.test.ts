import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  currentStep,
  formatSecret,
  generateRecoveryCodes,
  generateTotpSecret,
  hashRecoveryCode,
  normaliseRecoveryCode,
  otpauthUri,
  qrSvg,
  totpAt,
  verifyTotp,
} from './totp.ts';

// RFC 6238 appendix B, SHA1 column.
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890', 'ascii'));
const RFC_VECTORS: Array<[number, string]> = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP', () => {
  it.each(RFC_VECTORS)('matches RFC 6238 vector at t=%i', (seconds, expected8) => {
    const step = currentStep(new Date(seconds * 1000));
    expect(totpAt(RFC_SECRET, step)).toBe(expected8.slice(-6));
  });

  it('known base32 encoding of the RFC secret', () => {
    expect(RFC_SECRET).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it('base32 round-trips arbitrary bytes and tolerates case/spaces', () => {
    for (let len = 0; len < 25; len++) {
      const bytes = Buffer.from(Array.from({ length: len }, (_, i) => (i * 37 + len) & 0xff));
      const enc = base32Encode(bytes);
      expect(enc).not.toContain('=');
      expect(base32Decode(enc).equals(bytes)).toBe(true);
    }
    const secret = generateTotpSecret();
    expect(base32Decode(formatSecret(secret).toLowerCase()).equals(base32Decode(secret))).toBe(true);
    expect(() => base32Decode('ABC1')).toThrow(/Invalid base32 character/);
  });

  it('generates 32-char base32 secrets (20 bytes) and formats them in groups of 4', () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
    expect(generateTotpSecret()).not.toBe(secret);
    const formatted = formatSecret(secret);
    expect(formatted.split(' ')).toHaveLength(8);
    expect(formatted).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
  });

  const secret = generateTotpSecret();
  const now = new Date('2025-03-01T12:00:10Z');
  const step = currentStep(now);

  it('accepts the current code and returns its step', () => {
    expect(verifyTotp(secret, totpAt(secret, step), now, null)).toBe(step);
  });

  it('accepts ±1 step of drift and rejects ±2', () => {
    expect(verifyTotp(secret, totpAt(secret, step - 1), now, null)).toBe(step - 1);
    expect(verifyTotp(secret, totpAt(secret, step + 1), now, null)).toBe(step + 1);
    const minus2 = totpAt(secret, step - 2);
    const plus2 = totpAt(secret, step + 2);
    // Guard against a (1 in 10^6) collision with an accepted window code.
    const window = [step - 1, step, step + 1].map((s) => totpAt(secret, s));
    if (!window.includes(minus2)) expect(verifyTotp(secret, minus2, now, null)).toBeNull();
    if (!window.includes(plus2)) expect(verifyTotp(secret, plus2, now, null)).toBeNull();
  });

  it('rejects replay of the same or an earlier step', () => {
    const code = totpAt(secret, step);
    const used = verifyTotp(secret, code, now, null);
    expect(used).toBe(step);
    expect(verifyTotp(secret, code, now, used)).toBeNull();
    expect(verifyTotp(secret, totpAt(secret, step - 1), now, used)).toBeNull();
    // The next step is still fine.
    expect(verifyTotp(secret, totpAt(secret, step + 1), now, used)).toBe(step + 1);
  });

  it('rejects wrong, malformed and wrong-length codes', () => {
    const good = totpAt(secret, step);
    const wrong = String((Number(good) + 1) % 1_000_000).padStart(6, '0');
    const window = [step - 1, step, step + 1].map((s) => totpAt(secret, s));
    if (!window.includes(wrong)) expect(verifyTotp(secret, wrong, now, null)).toBeNull();
    expect(verifyTotp(secret, '', now, null)).toBeNull();
    expect(verifyTotp(secret, 'abcdef', now, null)).toBeNull();
    expect(verifyTotp(secret, good.slice(0, 5), now, null)).toBeNull();
    expect(verifyTotp(secret, `${good}0`, now, null)).toBeNull();
  });

  it('ignores spaces in the input', () => {
    const code = totpAt(secret, step);
    expect(verifyTotp(secret, ` ${code.slice(0, 3)} ${code.slice(3)} `, now, null)).toBe(step);
  });
});

describe('otpauthUri', () => {
  it('builds a key URI with encoded label and parameters', () => {
    const uri = otpauthUri('JBSWY3DPEHPK3PXP', 'ana maría@example.org', 'Amparo & Co');
    expect(uri.startsWith('otpauth://totp/Amparo%20%26%20Co:ana%20mar%C3%ADa%40example.org?')).toBe(true);
    const params = new URL(uri).searchParams;
    expect(params.get('secret')).toBe('JBSWY3DPEHPK3PXP');
    expect(params.get('issuer')).toBe('Amparo & Co');
    expect(params.get('algorithm')).toBe('SHA1');
    expect(params.get('digits')).toBe('6');
    expect(params.get('period')).toBe('30');
  });
});

describe('qrSvg', () => {
  it('renders CSP-safe inline SVG with an accessible label', async () => {
    const svg = await qrSvg(otpauthUri(generateTotpSecret(), 'a@example.org', 'Amparo'), 'Scan "this" <code>');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('viewBox');
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-label="Scan &quot;this&quot; &lt;code&gt;"');
    expect(svg).not.toContain('<?xml');
    expect(svg).not.toMatch(/style\s*=/i);
    expect(svg).not.toMatch(/<script/i);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  });
});

describe('recovery codes', () => {
  it('generates unique, formatted codes from an unambiguous alphabet', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) {
      expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
      expect(code).not.toMatch(/[01oOlIi]/);
    }
    expect(generateRecoveryCodes(3)).toHaveLength(3);
  });

  it('normalises user input before hashing', () => {
    const [code] = generateRecoveryCodes(1);
    const typed = ` ${code!.toUpperCase().replace('-', ' ')} `;
    expect(normaliseRecoveryCode(typed)).toBe(code!.replace('-', ''));
    expect(hashRecoveryCode(typed)).toBe(hashRecoveryCode(code!));
    expect(hashRecoveryCode(code!)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode('aaaaa-aaaaa')).not.toBe(hashRecoveryCode('aaaaa-aaaab'));
  });
});
