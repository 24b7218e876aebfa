// Digital attacks as a STIX 2.1 bundle, for sharing with CERTs: one `incident` per event with the OASIS
// Incident Core Extension, an `identity` for the producer (the organisation's chosen name or an
// anonymous reporter, never a person), an `indicator` per URL source, and the TLP 2.0 marking the
// person chose. Ids are UUIDv5 of the event's id, so exporting again updates what a consumer holds
// instead of duplicating it. Victims' names, contacts and points never enter: titles and descriptions
// are redacted as for a public copy, and parties are not exported at all.
import {
  patternString,
  producerBundle,
  stamp,
  stixId,
  type CommonProperties,
  type StixBundle,
  type StixObject,
  type TlpLevel,
} from '../../../platform/stix.ts';
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

function eventObjects(e: MonitorEvent, common: CommonProperties, url: string | null): StixObject[] {
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
  const producer = opts.producer === null ? null : { name: opts.producer, key: opts.producerKey };
  // An anonymous reporter's bundle carries no address: it would name the server and the organisation.
  const address = (e: MonitorEvent) => (opts.producer === null ? null : opts.url(e));
  return producerBundle(opts.tlp, producer, (common) =>
    events.filter(isDigital).flatMap((e) => eventObjects(e, common, address(e))),
  );
}
