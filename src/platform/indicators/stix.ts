// A case's indicators as a STIX 2.1 bundle for CERTs and other helplines: the TLP 2.0 marking chosen,
// the producer's identity (the same one the monitor's exports carry), and one `indicator` per item
// with a STIX pattern. Ids are UUIDv5 of the case and the indicator, so sharing the case again updates
// what a consumer holds instead of duplicating it.
import {
  patternString,
  producerBundle,
  stamp,
  stixId,
  type StixBundle,
  type StixObject,
  type TlpLevel,
} from '../stix.ts';
import { indicatorSchema, type Indicator, type IndicatorKind } from './indicators.ts';

/**
 * The object path each kind is matched on. Object types and properties are those of the STIX 2.1
 * cyber-observable objects (domain-name, url, email-addr, ipv4-addr, ipv6-addr: `value`; file:
 * `hashes`); the hash keys are the hashing-algorithm-ov terms "MD5", "SHA-1", "SHA-256". A path
 * component with a dash MUST be in single quotes (STIX patterning, oasis-open/cti-stix2-json-schemas#40).
 */
export const PATTERN_PATHS: Record<IndicatorKind, string> = {
  domain: 'domain-name:value',
  url: 'url:value',
  email: 'email-addr:value',
  ipv4: 'ipv4-addr:value',
  ipv6: 'ipv6-addr:value',
  md5: 'file:hashes.MD5',
  sha1: "file:hashes.'SHA-1'",
  sha256: "file:hashes.'SHA-256'",
};

/** The STIX pattern matching exactly this indicator, its value escaped as a pattern string literal. */
export const indicatorPattern = (i: Pick<Indicator, 'kind' | 'value'>) =>
  `[${PATTERN_PATHS[i.kind]} = ${patternString(i.value)}]`;

export interface IndicatorBundleOptions {
  tlp: TlpLevel;
  /** The organisation's name and a stable key (its id); null: an anonymous reporter. */
  producer: { name: string; key: string } | null;
  /** The case's id, unique on the server: hashed into the indicators' ids, never written out. */
  caseKey: string;
  /**
   * When the case recorded these indicators: their `created`, `modified` and `valid_from`. Give the same
   * time on every export of the same case, or consumers see a changed object under an old id.
   */
  created: Date;
}

/**
 * The bundle of `indicators`, each checked against the schema; a repeated one is written once. Notes
 * become descriptions: whoever writes a note writes it for the recipients, so it must not name the
 * people the case is about.
 */
export function indicatorBundle(indicators: readonly Indicator[], opts: IndicatorBundleOptions): StixBundle {
  const at = stamp(opts.created);
  return producerBundle(opts.tlp, opts.producer, (common) => {
    const objects = new Map<string, StixObject>();
    for (const input of indicators) {
      const i = indicatorSchema.parse(input);
      const id = stixId('indicator', `case:${opts.caseKey}:${i.kind}:${i.value}`);
      if (objects.has(id)) continue;
      objects.set(id, {
        type: 'indicator',
        id,
        ...common,
        created: at,
        modified: at,
        name: i.value,
        ...(i.note ? { description: i.note } : {}),
        indicator_types: ['malicious-activity'],
        pattern: indicatorPattern(i),
        pattern_type: 'stix',
        pattern_version: '2.1',
        valid_from: at,
      });
    }
    return [...objects.values()];
  });
}
