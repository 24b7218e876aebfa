// What the monitor records, after HURIDOCS Events Standard Formats: an event with its dates and their
// precision, a place, the acts done (violation type, commission or omission, the right affected), the
// people and groups involved in their roles, and the sources it rests on. The whole event is one sealed
// document under the organisation's key (docs/decisions/0021); only the fields listed in PUBLIC_FIELDS
// ever reach a public page, and names, contacts and exact points are not among them.
import { z } from 'zod';
import type { VERIFICATION } from './vocabulary.ts';
import { MODES, PRECISION, ROLES } from './vocabulary.ts';

export { MODES, PRECISION, ROLES, VERIFICATION } from './vocabulary.ts';
export type Precision = (typeof PRECISION)[number];
export const PARTY_KINDS = ['person', 'group'] as const;
export type VerificationState = (typeof VERIFICATION)[number];
export const PUBLICATION = ['private', 'network', 'public'] as const;
export type PublicationState = (typeof PUBLICATION)[number];

/**
 * What an organisation may choose to publish. The country and the date's year are always shown for a
 * published event (the map and the timeline need them); names of people, contacts, source details and
 * exact points cannot be chosen: there is no such field here.
 */
export const PUBLIC_FIELDS = [
  'title',
  'description',
  'dates',
  'region',
  'acts',
  'perpetrators',
  'sources',
  'verification',
] as const;
export type PublicField = (typeof PUBLIC_FIELDS)[number];

const text = (max: number) => z.string().trim().max(max);
/** YYYY, YYYY-MM or YYYY-MM-DD: as much of the date as is known. */
export const partialDate = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/);

export const eventDateSchema = z.object({ date: partialDate, precision: z.enum(PRECISION) });
export type EventDate = z.infer<typeof eventDateSchema>;

export const actSchema = z.object({
  type: z.string().min(1),
  mode: z.enum(MODES),
  right: z.string().min(1),
  note: text(2000),
});
export type Act = z.infer<typeof actSchema>;

export const partySchema = z.object({
  id: z.string().min(1),
  role: z.enum(ROLES),
  kind: z.enum(PARTY_KINDS),
  name: text(300),
  /** For perpetrators: police, military, judiciary and so on (data/monitor/perpetrators.yaml). */
  category: z.string(),
  contact: text(500),
  note: text(2000),
});
export type Party = z.infer<typeof partySchema>;

export const sourceSchema = z.object({
  id: z.string().min(1),
  kind: z.string().min(1),
  url: text(2000),
  description: text(4000),
  collector: text(300),
  capturedOn: z.union([partialDate, z.literal('')]),
  reliability: z.string().min(1),
  fileIds: z.array(z.string()),
});
export type Source = z.infer<typeof sourceSchema>;

export const pointSchema = z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) });

/** What a person writes: the form's content, checked against the vocabularies by input.ts. */
export const eventInputSchema = z.object({
  title: text(300).min(1),
  description: text(20_000),
  start: eventDateSchema,
  end: eventDateSchema.nullable(),
  place: z.object({
    country: z.string().regex(/^[A-Z]{2}$/),
    region: text(300),
    point: pointSchema.nullable(),
  }),
  acts: z.array(actSchema).min(1).max(50),
  parties: z.array(partySchema).max(200),
  sources: z.array(sourceSchema).max(200),
});
export type EventInput = z.infer<typeof eventInputSchema>;

export interface Stamp {
  at: string;
  /** An actor id (`user:…`): inside the sealed document only. */
  by: string;
}

export interface MonitorEvent extends EventInput {
  id: string;
  version: number;
  created: Stamp;
  updated: Stamp;
  verification: { state: VerificationState; by: string | null; at: string | null };
  publication: {
    state: PublicationState;
    fields: PublicField[];
    publicId: string | null;
    at: string | null;
    /** Network id -> the id of the event's copy in that network, while it is shared (networks/service.ts). */
    shared?: Record<string, string>;
  };
}

/** One earlier state of an event, kept when it changed: who changed it, when, and which parts. */
export interface EventVersion {
  version: number;
  at: string;
  by: string;
  changed: string[];
  event: MonitorEvent;
}

/** A published event as the public sees it: built by publicView (publish.ts) and nothing else. */
export interface PublicEvent {
  id: string;
  country: string;
  start: EventDate;
  end: EventDate | null;
  region: string | null;
  title: string | null;
  description: string | null;
  acts: { type: string; mode: Act['mode']; right: string }[];
  perpetrators: string[];
  sourceCount: number | null;
  verification: VerificationState | null;
  publishedAt: string;
}

/** The parts of an event a version records as changed. */
export function changedParts(before: EventInput, after: EventInput): string[] {
  const keys = Object.keys(eventInputSchema.shape) as (keyof EventInput)[];
  return keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}
