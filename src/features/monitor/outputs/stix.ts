// Digital attacks as a STIX 2.1 bundle, for sharing with CERTs: one `incident` per event with the OASIS
// Incident Core Extension, an `identity` for the producer (the organisation's chosen name or an
// anonymous reporter, never a person), an `indicator` per URL source, and the TLP 2.0 marking the
// person chose. Ids are UUIDv5 of the event's id, so exporting again updates what a consumer holds
// instead of duplicating it. Victims' names, contacts and points never enter: titles and descriptions
// are redacted as for a public copy, and parties are not exported at all.
import { createHash } from 'node:crypto';
import type { MonitorEvent, VerificationState } from '../model.ts';
import { identifyingStrings, redact } from '../publish.ts';

/** Violation types that are digital attacks; only events with one of them go into a STIX bundle. */
export const DIGITAL_TYPES: ReadonlySet<string> = new Set([
  'online-attack',
  'surveillance',
  'internet-shutdown',
  'website-blocking',
  'hacking',
  'phishing',
  'ddos',
  'spyware',
  'doxxing',
  'account-takeover',
]);

/** Incident Core Extension, as published by the OASIS CTI TC (cti-stix-common-objects, incident-core). */
export const INCIDENT_CORE = 'extension-definition--ef765651-680c-498d-9894-99799f2fa126';
/** The TLP 2.0 property extension of the OASIS CTI TC, which the TLP 2.0 marking definitions carry. */
export const TLP2_EXTENSION = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';
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

const stixId = (type: string, name: string) => `${type}--${uuidv5(`${type}:${name}`)}`;
/** STIX timestamps are UTC with milliseconds. */
const stamp = (iso: string) => new Date(iso).toISOString();

export type StixObject = Record<string, unknown> & { type: string; id: string };
export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

export interface StixOptions {
  tlp: TlpLevel;
  /** The organisation's chosen name; null: an anonymous reporter. */
  producer: string | null;
  /** A stable key for the producer's identity (the organisation's id), hashed into its UUID. */
  producerKey: string;
  /** The event's address, given to consumers only when the producer is named (it holds the organisation's id). */
  url: (e: MonitorEvent) => string;
}

export const isDigital = (e: MonitorEvent) => e.acts.some((a) => DIGITAL_TYPES.has(a.type));

const DETERMINATION: Record<VerificationState, string> = {
  verified: 'successful-attempt',
  corroborated: 'successful-attempt',
  unverified: 'suspected',
  disputed: 'suspected',
};

function markingObject(level: TlpLevel): StixObject {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP_MARKINGS[level],
    created: TLP2_CREATED,
    name: `TLP:${level.toUpperCase()}`,
    extensions: { [TLP2_EXTENSION]: { extension_type: 'property-extension', tlp_2_0: level } },
  };
}

/** A URL as a string literal of a STIX pattern: backslashes and quotes escaped. */
const patternString = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function eventObjects(e: MonitorEvent, common: Record<string, unknown>, url: string | null): StixObject[] {
  const identifying = identifyingStrings(e);
  const base = { ...common, created: stamp(e.created.at), modified: stamp(e.updated.at) };
  const incidentId = stixId('incident', e.id);
  const incident: StixObject = {
    type: 'incident',
    id: incidentId,
    ...base,
    name: redact(e.title, identifying),
    ...(e.description ? { description: redact(e.description, identifying) } : {}),
    labels: [...new Set(e.acts.map((a) => a.type))],
    ...(url ? { external_references: [{ source_name: 'amparo', url, external_id: e.id }] } : {}),
    extensions: {
      [INCIDENT_CORE]: {
        extension_type: 'property-extension',
        determination: DETERMINATION[e.verification.state],
        investigation_status: e.verification.state === 'verified' ? 'closed' : 'open',
        incident_types: [...new Set(e.acts.map((a) => a.type))],
        detection_methods: ['human-review'],
      },
    },
  };
  const urls = [...new Set(e.sources.map((s) => s.url.trim()).filter((u) => /^https?:\/\//i.test(u)))];
  const linked = urls.flatMap((u): StixObject[] => {
    const indicatorId = stixId('indicator', `${e.id}:${u}`);
    return [
      {
        type: 'indicator',
        id: indicatorId,
        ...base,
        name: u,
        pattern: `[url:value = ${patternString(u)}]`,
        pattern_type: 'stix',
        valid_from: stamp(e.created.at),
        indicator_types: ['malicious-activity'],
      },
      {
        type: 'relationship',
        id: stixId('relationship', `${e.id}:${u}`),
        ...base,
        relationship_type: 'indicates',
        source_ref: indicatorId,
        target_ref: incidentId,
      },
    ];
  });
  return [incident, ...linked];
}

/** The bundle of the digital-attack events among `events` (others are left out). */
export function toStixBundle(events: readonly MonitorEvent[], opts: StixOptions): StixBundle {
  const identityId = stixId('identity', opts.producer === null ? 'anonymous' : opts.producerKey);
  const marking = TLP_MARKINGS[opts.tlp];
  const digital = events.filter(isDigital);
  const identity: StixObject = {
    type: 'identity',
    spec_version: '2.1',
    id: identityId,
    created: IDENTITY_CREATED,
    modified: IDENTITY_CREATED,
    name: opts.producer ?? 'Anonymous reporter',
    identity_class: opts.producer === null ? 'unspecified' : 'organization',
    object_marking_refs: [marking],
  };
  const common = { spec_version: '2.1', created_by_ref: identityId, object_marking_refs: [marking] };
  // An anonymous reporter's bundle carries no address: it would name the server and the organisation.
  const address = (e: MonitorEvent) => (opts.producer === null ? null : opts.url(e));
  const objects = [markingObject(opts.tlp), identity, ...digital.flatMap((e) => eventObjects(e, common, address(e)))];
  const fingerprint = objects.map((o) => `${o.id}@${String(o.modified ?? '')}`).join('\n');
  return { type: 'bundle', id: `bundle--${uuidv5(fingerprint)}`, objects };
}
