// What every STIX 2.1 bundle Amparo writes has in common: the TLP 2.0 markings, name-based ids, the
// producer's identity, timestamps, pattern string literals and the bundle itself. The monitor's
// digital-attack export and the indicators of a case both build on it, so a consumer that has seen one
// recognises the same marking, producer and id scheme in the other.
import { createHash } from 'node:crypto';

/**
 * The TLP 2.0 property extension of the OASIS CTI TC, which the TLP 2.0 marking definitions carry
 * (oasis-open/cti-stix-common-objects, extension-definition-specifications/tlp-2.0).
 */
export const TLP2_EXTENSION = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';
/** The `created` of the published TLP 2.0 marking definitions (same source, examples/tlp-*.json). */
const TLP2_CREATED = '2022-10-01T00:00:00.000Z';
/** A fixed stamp for the producer's identity: the same object in every export, never the wall clock. */
const IDENTITY_CREATED = '2026-01-01T00:00:00.000Z';

export const TLP_LEVELS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
export type TlpLevel = (typeof TLP_LEVELS)[number];
/** The published TLP 2.0 marking-definition ids: consumers recognise a marking by its id. */
export const TLP_MARKINGS: Record<TlpLevel, string> = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};
export const DEFAULT_TLP: TlpLevel = 'amber';

/** Amparo's namespace for STIX ids (a fixed random UUID): UUIDv5(namespace, name). */
const NAMESPACE = '6f1c9a52-3d1e-4b7a-9c2e-5a8d0b4e7f13';

/** A name-based UUID (RFC 9562 version 5: SHA-1 of namespace and name). */
export function uuidv5(name: string, namespace = NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const b = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A STIX identifier that is the same for the same type and name on every export. */
export const stixId = (type: string, name: string) => `${type}--${uuidv5(`${type}:${name}`)}`;

/** STIX timestamps are UTC with milliseconds. */
export const stamp = (t: string | Date) => new Date(t).toISOString();

/**
 * A string literal of a STIX pattern. The STIX 2.1 pattern grammar (oasis-open/cti-pattern-validator,
 * STIXPattern.g4: StringLiteral : QUOTE ( ~['\\] | '\\\'' | '\\\\' )* QUOTE) allows a quote or a
 * backslash inside only when escaped with a backslash.
 */
export const patternString = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export type StixObject = Record<string, unknown> & { type: string; id: string };
export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

/** The TLP 2.0 marking definition, exactly as the OASIS CTI TC publishes it for this level. */
export function markingObject(level: TlpLevel): StixObject {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP_MARKINGS[level],
    created: TLP2_CREATED,
    name: `TLP:${level.toUpperCase()}`,
    extensions: { [TLP2_EXTENSION]: { extension_type: 'property-extension', tlp_2_0: level } },
  };
}

/** A named producer: the organisation's chosen name and a stable key (its id) hashed into its identity's id. */
export interface Producer {
  name: string;
  key: string;
}

/** Whoever shares without naming the organisation: the same identity for every anonymous export. */
const ANONYMOUS = { name: 'Anonymous reporter', key: 'anonymous', identity_class: 'unspecified' };

/** The producer's identity object: its id depends only on the key, its stamps never change. */
export function identityObject(producer: Producer | null, tlp: TlpLevel): StixObject {
  const { name, key, identity_class } = producer ? { ...producer, identity_class: 'organization' } : ANONYMOUS;
  return {
    type: 'identity',
    spec_version: '2.1',
    id: stixId('identity', key),
    created: IDENTITY_CREATED,
    modified: IDENTITY_CREATED,
    name,
    identity_class,
    object_marking_refs: [TLP_MARKINGS[tlp]],
  };
}

/** The properties every object after the identity carries: version, producer and marking. */
export interface CommonProperties {
  spec_version: '2.1';
  created_by_ref: string;
  object_marking_refs: string[];
}

/**
 * A bundle of the TLP marking, the producer's identity (null: an anonymous reporter) and the objects
 * `build` makes with the common properties. Its id changes exactly when an object or its version does.
 */
export function producerBundle(
  tlp: TlpLevel,
  producer: Producer | null,
  build: (common: CommonProperties) => StixObject[],
): StixBundle {
  const identity = identityObject(producer, tlp);
  const common: CommonProperties = {
    spec_version: '2.1',
    created_by_ref: identity.id,
    object_marking_refs: [TLP_MARKINGS[tlp]],
  };
  const objects = [markingObject(tlp), identity, ...build(common)];
  const fingerprint = objects.map((o) => `${o.id}@${String(o.modified ?? '')}`).join('\n');
  return { type: 'bundle', id: `bundle--${uuidv5(fingerprint)}`, objects };
}
