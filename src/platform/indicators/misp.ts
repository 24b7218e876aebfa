// A case's indicators as a MISP event, in the MISP core format (draft-dulaunoy-misp-core-format, the
// MISP/misp-rfc repository), for helplines and CERTs that run MISP: one Attribute per indicator, the
// TLP as a tag of the MISP tlp taxonomy. The file is for import, so instance-local fields (id, org_id,
// event_id) are left out: the importing instance assigns them.
import { z } from 'zod';
import { uuidv5, type TlpLevel } from '../stix.ts';
import { indicatorSchema, type Indicator, type IndicatorKind } from './indicators.ts';

/**
 * Type and category per kind: the type is MISP's for that indicator, the category its `sane_defaults`
 * default_category (MISP/MISP describeTypes.json: domain, url, ip-dst "Network activity"; email-src,
 * md5, sha1, sha256 "Payload delivery"), each a valid pair in the core format's category-type list.
 * A sender's address is email-src; an address the victim's device reached out to is ip-dst.
 */
export const MISP_ATTRIBUTE: Record<IndicatorKind, { type: string; category: string }> = {
  domain: { type: 'domain', category: 'Network activity' },
  url: { type: 'url', category: 'Network activity' },
  email: { type: 'email-src', category: 'Payload delivery' },
  ipv4: { type: 'ip-dst', category: 'Network activity' },
  ipv6: { type: 'ip-dst', category: 'Network activity' },
  md5: { type: 'md5', category: 'Payload delivery' },
  sha1: { type: 'sha1', category: 'Payload delivery' },
  sha256: { type: 'sha256', category: 'Payload delivery' },
};

/**
 * The event's distribution (core format: 0 your organisation only, 1 this community only, 3 all
 * communities), no wider than the TLP allows: what the importing instance may pass on by itself.
 */
const DISTRIBUTION: Record<TlpLevel, '0' | '1' | '3'> = {
  clear: '3',
  green: '1',
  amber: '0',
  'amber+strict': '0',
  red: '0',
};

/** Attributes inherit the event's distribution (core format: attribute distribution 5). */
const INHERIT_EVENT = '5';

export interface MispOptions {
  tlp: TlpLevel;
  /** The event's summary; the core format wants one line of at most 256 characters. */
  info: string;
  /** The date the event refers to (the case's), also its timestamp. */
  date: Date;
  /** The event's UUID: the same on every export of the same case, so an import updates the event. */
  uuid: string;
}

export interface MispAttribute {
  uuid: string;
  type: string;
  category: string;
  value: string;
  to_ids: boolean;
  comment: string;
  distribution: string;
  sharing_group_id: string;
  timestamp: string;
  deleted: boolean;
}

export interface MispEvent {
  Event: {
    uuid: string;
    info: string;
    date: string;
    timestamp: string;
    published: boolean;
    threat_level_id: string;
    analysis: string;
    distribution: string;
    sharing_group_id: string;
    Tag: { name: string; exportable: boolean }[];
    Attribute: MispAttribute[];
  };
}

const optionsSchema = z.object({ uuid: z.uuid(), info: z.string(), date: z.date() });

/** One line of at most 256 characters, as the core format asks of `info`. */
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim().slice(0, 256);

export function mispEvent(indicators: readonly Indicator[], opts: MispOptions): MispEvent {
  const { uuid, info, date } = optionsSchema.parse(opts);
  // Timestamps are Unix seconds as JSON strings; `date` is YYYY-MM-DD (core format, Event and Attribute).
  const timestamp = String(Math.floor(date.getTime() / 1000));
  const attributes = new Map<string, MispAttribute>();
  for (const input of indicators) {
    const i = indicatorSchema.parse(input);
    const { type, category } = MISP_ATTRIBUTE[i.kind];
    const id = uuidv5(`misp-attribute:${uuid}:${type}:${i.value}`);
    if (attributes.has(id)) continue;
    attributes.set(id, {
      uuid: id,
      type,
      category,
      value: i.value,
      // Every kind here is meant for detection and blocking (to_ids: "actionable"; sane_defaults: 1).
      to_ids: true,
      comment: i.note ?? '',
      distribution: INHERIT_EVENT,
      sharing_group_id: '0',
      timestamp,
      deleted: false,
    });
  }
  return {
    Event: {
      uuid,
      info: oneLine(info),
      date: date.toISOString().slice(0, 10),
      timestamp,
      // Not published: the importing organisation reviews the event and publishes it to its community.
      published: false,
      threat_level_id: '4', // undefined: a taxonomy tag is the finer grain, and the helpline has not rated it
      analysis: '0', // initial
      distribution: DISTRIBUTION[opts.tlp],
      sharing_group_id: '0',
      // The MISP tlp taxonomy's machine tags; it has TLP 2.0's tlp:clear and tlp:amber+strict
      // (MISP/misp-taxonomies, tlp/machinetag.json; MISP/misp-stix#77).
      Tag: [{ name: `tlp:${opts.tlp}`, exportable: true }],
      Attribute: [...attributes.values()],
    },
  };
}
