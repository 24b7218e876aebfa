import { describe, expect, it } from 'vitest';
import { detectIndicator, indicatorSchema, parseIndicators, refang } from './indicators.ts';

const MD5 = 'D41D8CD98F00B204E9800998ECF8427E';
const SHA1 = 'DA39A3EE5E6B4B0D3255BFEF95601890AFD80709';
const SHA256 = 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855';

describe('detectIndicator', () => {
  it.each([
    ['Evil-Login.Example.COM', 'domain', 'evil-login.example.com'],
    ['evil.example.', 'domain', 'evil.example'],
    ['bücher.example', 'domain', 'xn--bcher-kva.example'],
    ['пример.рф', 'domain', 'xn--e1afmkfd.xn--p1ai'],
    ['HTTPS://Evil.Example/Login?next=%2F', 'url', 'https://evil.example/Login?next=%2F'],
    ['http://bücher.example/a', 'url', 'http://xn--bcher-kva.example/a'],
    ['ftp://203.0.113.9/x', 'url', 'ftp://203.0.113.9/x'],
    ['http://[2001:DB8::1]/', 'url', 'http://[2001:db8::1]/'],
    ['Billing@Evil.Example', 'email', 'Billing@evil.example'],
    ['mailto:o.brien@Bücher.example', 'email', 'o.brien@xn--bcher-kva.example'],
    ['<spoof@evil.example>', 'email', 'spoof@evil.example'],
    ['203.0.113.9', 'ipv4', '203.0.113.9'],
    ['2001:DB8:0:0:0:0:0:1', 'ipv6', '2001:db8::1'],
    ['[2001:db8::1]', 'ipv6', '2001:db8::1'],
    [MD5, 'md5', MD5.toLowerCase()],
    [SHA1, 'sha1', SHA1.toLowerCase()],
    [SHA256, 'sha256', SHA256.toLowerCase()],
  ])('%s is a %s: %s', (text, kind, value) => {
    expect(detectIndicator(text)).toEqual({ kind, value });
  });

  it.each([
    ['hxxps://evil[.]example/login', 'url', 'https://evil.example/login'],
    ['hXXp[:]//evil(.)example/a', 'url', 'http://evil.example/a'],
    ['hxxp[://]evil[dot]example', 'url', 'http://evil.example/'],
    ['fxp://files{.}evil.example/a', 'url', 'ftp://files.evil.example/a'],
    ['evil[.]example', 'domain', 'evil.example'],
    ['user[@]evil.example', 'email', 'user@evil.example'],
    ['user(at)evil[.]example', 'email', 'user@evil.example'],
    ['203.0.113[.]9', 'ipv4', '203.0.113.9'],
  ])('refangs %s to a %s: %s', (text, kind, value) => {
    expect(detectIndicator(text)).toEqual({ kind, value });
  });

  it.each([
    'localhost',
    'example',
    '1.2.3',
    '256.1.1.1',
    '01.2.3.4',
    'evil.example/login', // a link needs its scheme: guessing one would invent an indicator
    'javascript://evil.example/%0Aalert(1)',
    'http://',
    'http://localhost/',
    '-evil.example',
    'evil-.example',
    'evil..example',
    `${'a'.repeat(64)}.example`,
    'evil.123',
    'user@@evil.example',
    '.user@evil.example',
    'user@localhost',
    'fe80::1%eth0',
    MD5.slice(1),
    `${SHA256}0`,
    'g'.repeat(32),
  ])('%s is not an indicator', (text) => {
    expect(detectIndicator(text)).toBeNull();
  });

  it('keeps the case of the local part, which the receiving host may treat as significant', () => {
    expect(detectIndicator('John.Doe@EVIL.example')?.value).toBe('John.Doe@evil.example');
  });

  it('refangs only the usual bracketed forms', () => {
    expect(refang('evil[.]example [at] x{dot}y')).toBe('evil.example @ x.y');
    expect(refang('hXxps://a')).toBe('https://a');
    expect(refang('my.hxxp.example')).toBe('my.hxxp.example');
  });
});

describe('parseIndicators', () => {
  it('reads one indicator a line, with notes, and numbers the lines it cannot read', () => {
    const text = [
      '# from the report of 14 March',
      'hxxps://evil[.]example/login   credential phishing page',
      '',
      'please block these',
      'billing[@]evil.example - sender of the fake invoice',
      '203.0.113.9',
      'evil.example/no-scheme',
      `${SHA256}\tattachment invoice.pdf.exe`,
    ].join('\r\n');
    const { indicators, rejected } = parseIndicators(text);
    expect(indicators).toEqual([
      { kind: 'url', value: 'https://evil.example/login', note: 'credential phishing page' },
      { kind: 'email', value: 'billing@evil.example', note: 'sender of the fake invoice' },
      { kind: 'ipv4', value: '203.0.113.9' },
      { kind: 'sha256', value: SHA256.toLowerCase(), note: 'attachment invoice.pdf.exe' },
    ]);
    expect(rejected).toEqual([
      { line: 4, text: 'please block these' },
      { line: 7, text: 'evil.example/no-scheme' },
    ]);
  });

  it('keeps each indicator once, whatever form it was written in, with the first note given', () => {
    const { indicators, rejected } = parseIndicators(
      [
        'EVIL.example',
        'evil[.]example  lookalike of the bank',
        'evil.example. other note',
        'bücher.example',
        'xn--bcher-kva.example',
        MD5,
        MD5.toLowerCase(),
      ].join('\n'),
    );
    expect(rejected).toEqual([]);
    expect(indicators).toEqual([
      { kind: 'domain', value: 'evil.example', note: 'lookalike of the bank' },
      { kind: 'domain', value: 'xn--bcher-kva.example' },
      { kind: 'md5', value: MD5.toLowerCase() },
    ]);
  });

  it('rejects a value or a note too long to be one, and hands back only the start of a long line', () => {
    const longUrl = `https://evil.example/${'a'.repeat(2100)}`;
    const { indicators, rejected } = parseIndicators(`${longUrl}\nevil.example ${'n'.repeat(600)}`);
    expect(indicators).toEqual([]);
    expect(rejected.map((r) => r.line)).toEqual([1, 2]);
    expect(rejected[0]!.text).toHaveLength(200);
  });

  it('returns nothing for an empty paste', () => {
    expect(parseIndicators('\n  \n')).toEqual({ indicators: [], rejected: [] });
  });
});

describe('indicatorSchema', () => {
  it('accepts only canonical values of the stated kind', () => {
    expect(indicatorSchema.safeParse({ kind: 'domain', value: 'evil.example' }).success).toBe(true);
    expect(indicatorSchema.safeParse({ kind: 'domain', value: 'EVIL.example' }).success).toBe(false);
    expect(indicatorSchema.safeParse({ kind: 'ipv4', value: 'evil.example' }).success).toBe(false);
    expect(indicatorSchema.safeParse({ kind: 'md5', value: MD5 }).success).toBe(false);
    expect(indicatorSchema.safeParse({ kind: 'hostname', value: 'evil.example' }).success).toBe(false);
  });
});
