// Threat indicators a person pastes from a case (phishing domains, sender addresses, links, addresses,
// file hashes), one a line, in whatever form they were copied: defanged ("hxxps://evil[.]example",
// "user[@]evil.example"), in capitals, with an internationalised domain. Each is recognised, refanged
// and brought to one canonical form, so the same indicator is written once and compares equal to what
// a consumer already holds. What cannot be recognised is handed back with its line number, never
// guessed at.
import { isIPv4, isIPv6 } from 'node:net';
import { domainToASCII } from 'node:url';
import { z } from 'zod';

export const INDICATOR_KINDS = ['domain', 'url', 'email', 'ipv4', 'ipv6', 'md5', 'sha1', 'sha256'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

/** Longer than any real URL a browser accepts in practice; longer input is a paste gone wrong. */
export const MAX_VALUE = 2048;
export const MAX_NOTE = 500;

/**
 * Undoes the usual defanging: hxxp(s)/hXXp, fxp, [.] (.) {.} [dot], [@] (@) [at], [:] and [://].
 * Applied to the whole line, as indicator-sharing tools do; a real "[.]" never occurs in these kinds.
 */
export function refang(s: string): string {
  return s
    .replace(/^h(?:xx|XX|xX|Xx)p(s?)(?=:|\[)/, 'http$1')
    .replace(/^fxp(?=:|\[)/i, 'ftp')
    .replace(/\[:\/\/\]/g, '://')
    .replace(/\[:\]/g, ':')
    .replace(/[[({](?:\.|dot)[\])}]/gi, '.')
    .replace(/[[({](?:@|at)[\])}]/gi, '@');
}

const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** A host name in lower-case ASCII (IDN labels as punycode), or null. */
function normaliseDomain(s: string): string | null {
  if (/[\s/@:]/.test(s)) return null;
  const ascii = domainToASCII(s.replace(/\.$/, '').toLowerCase());
  if (!ascii || ascii.length > 253) return null;
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return null;
  return TLD.test(labels.at(-1)!) ? ascii : null;
}

// RFC 5322 dot-atom: the local part as senders write it. Only the domain is lower-cased: RFC 5321 lets
// the receiving host treat the local part as case-sensitive.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
function normaliseEmail(s: string): string | null {
  const address = s.replace(/^mailto:/i, '');
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  if (at <= 0 || local.length > 64 || !LOCAL_PART.test(local)) return null;
  const host = normaliseDomain(address.slice(at + 1));
  return host ? `${local}@${host}` : null;
}

/** RFC 5952's canonical text (lower-case, zeros compressed), as the URL parser writes it. */
function normaliseIPv6(s: string): string | null {
  const bare = s.replace(/^\[(.*)\]$/, '$1');
  if (!isIPv6(bare)) return null;
  try {
    return new URL(`http://[${bare}]/`).hostname.slice(1, -1);
  } catch {
    return null; // a zone index ("fe80::1%eth0") is local to one machine, not an indicator
  }
}

/** The WHATWG serialisation: lower-case scheme and host, IDN host as punycode, path kept as written. */
function normaliseUrl(s: string): string | null {
  if (!/^(?:https?|ftp):\/\//i.test(s)) return null;
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return null;
  }
  const host = u.hostname;
  const known = normaliseDomain(host) ?? (isIPv4(host) ? host : normaliseIPv6(host));
  return known ? u.href : null;
}

const hex = (length: number) => (s: string) =>
  new RegExp(`^[0-9a-f]{${length}}$`, 'i').test(s) ? s.toLowerCase() : null;

/** Each kind's normaliser: the canonical value, or null when the text is not of that kind. */
const NORMALISE: Record<IndicatorKind, (s: string) => string | null> = {
  md5: hex(32),
  sha1: hex(40),
  sha256: hex(64),
  ipv4: (s) => (isIPv4(s) ? s : null),
  ipv6: normaliseIPv6,
  url: normaliseUrl,
  email: normaliseEmail,
  domain: normaliseDomain,
};
/** The order of detection: a hash or an address before a name, a URL before the address inside it. */
const DETECTION_ORDER: readonly IndicatorKind[] = ['md5', 'sha1', 'sha256', 'ipv4', 'ipv6', 'url', 'email', 'domain'];

/** The kind and canonical value of one (possibly defanged) indicator, or null. */
export function detectIndicator(text: string): { kind: IndicatorKind; value: string } | null {
  const s = refang(text.trim()).replace(/^<(.*)>$/, '$1');
  for (const kind of DETECTION_ORDER) {
    const value = NORMALISE[kind](s);
    if (value !== null) return { kind, value };
  }
  return null;
}

/** An indicator as stored and exported: its value must already be the canonical form of its kind. */
export const indicatorSchema = z
  .object({
    kind: z.enum(INDICATOR_KINDS),
    value: z.string().min(1).max(MAX_VALUE),
    note: z.string().trim().min(1).max(MAX_NOTE).optional(),
  })
  .refine((i) => NORMALISE[i.kind](i.value) === i.value, {
    path: ['value'],
    message: 'not a canonical value of its kind',
  });
export type Indicator = z.infer<typeof indicatorSchema>;

export interface ParsedIndicators {
  indicators: Indicator[];
  /** Lines that are not an indicator, numbered from 1, so the person can correct them. */
  rejected: { line: number; text: string }[];
}

/** How much of a rejected line is handed back: enough to find it, not a whole pasted document. */
const REJECTED_TEXT = 200;

/**
 * One indicator a line: the value first, then optionally a note ("evil.example  login page clone").
 * Blank lines and lines starting with "#" are skipped. A repeated indicator is kept once, with the first
 * note given for it.
 */
export function parseIndicators(text: string): ParsedIndicators {
  const byKey = new Map<string, Indicator>();
  const rejected: ParsedIndicators['rejected'] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [, token = '', rest = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const found = detectIndicator(token);
    const note = rest.replace(/^[#,;|–—-]\s*/, '').trim();
    const parsed = found && indicatorSchema.safeParse({ ...found, ...(note ? { note } : {}) });
    if (!parsed?.success) {
      rejected.push({ line: index + 1, text: line.slice(0, REJECTED_TEXT) });
      return;
    }
    const key = `${parsed.data.kind} ${parsed.data.value}`;
    const earlier = byKey.get(key);
    if (!earlier) byKey.set(key, parsed.data);
    else if (!earlier.note && parsed.data.note) earlier.note = parsed.data.note;
  });
  return { indicators: [...byKey.values()], rejected };
}
