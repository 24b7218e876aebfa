// What a helpline keeps (docs/decisions/0023). The helpline's document (under the organisation's key)
// holds its key pair and settings; its profile and alert list (under the server key) are what a request
// with no organisation key needs; the desk (under the organisation's key) is the handlers' view of every
// case: state, language, assignee and the clock's times, never what the requester wrote.
import type { Locale } from '../../platform/i18n/locales.ts';
import type { Indicator } from '../../platform/indicators/indicators.ts';

export const CASE_STATES = ['new', 'open', 'waiting', 'referred', 'resolved', 'closed'] as const;
export type CaseState = (typeof CASE_STATES)[number];
/** The states a handler may set by hand; "new" only ends with the first reply, "referred" by a referral. */
export const SETTABLE_STATES = ['open', 'waiting', 'resolved', 'closed'] as const;

export const DEFAULT_TARGET_MINUTES = 120;
export const DEFAULT_RETENTION_DAYS = 90;
/** The SLA alerts: to the people on shift, then to the helpline's owners and admins. */
export const ALERT_STAGES = [60, 90] as const;
export type AlertStage = (typeof ALERT_STAGES)[number];

export interface HelplineSettings {
  enabled: boolean;
  /** ISO 639-1 codes of the languages the helpline answers in. */
  languages: string[];
  /** Open around the clock, or the hours as the helpline words them. */
  allHours: boolean;
  hours: string;
  targetMinutes: number;
  retentionDays: number;
  intro: string;
  /** The directory record that describes this helpline ('' for none): it then links to the request form. */
  directoryId: string;
}

export interface ReplyTemplate {
  id: string;
  language: string;
  title: string;
  text: string;
}

export interface HelplineDoc extends HelplineSettings {
  publicKey: string;
  privateKey: string;
  templates: ReplyTemplate[];
}

/** What the public intake page shows (sealed under the server key while the helpline is on). */
export interface HelplineProfile {
  name: string;
  languages: string[];
  allHours: boolean;
  hours: string;
  targetMinutes: number;
  intro: string;
  directoryId: string;
}

/** Who the SLA alerts reach (sealed under the server key): account ids, never addresses. */
export interface AlertList {
  orgId: string;
  onShift: string[];
  owners: string[];
  locale: Locale;
}

export interface Vetting {
  publicSources: string;
  voucher: string;
  evaluation: string;
  signedOffBy: string | null;
  at: string;
  by: string;
}

export interface DeskEntry {
  language: string;
  openedAt: string;
  state: CaseState;
  assignee: string | null;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  /** Set once the case's rows are gone (purged or deleted at the requester's wish): statistics only. */
  purged: boolean;
  vetting: Vetting | null;
  /** A case that came by referral: the helpline and case it came from. */
  referredFrom: ReferredFrom | null;
  /** The case opened at another helpline with the requester's consent, once the desk has seen it. */
  referredTo: string | null;
}

export interface ReferredFrom {
  helplineId: string;
  caseId: string;
  name: string;
}

/** A desk entry as the desk keeps it (desk-rows.ts); most new cases have nothing but the first four. */
export interface DeskRow {
  id: string;
  language: string;
  /** When the case was opened, in milliseconds since the epoch: the queue's order. */
  opened: number;
  state: CaseState;
  /** The rest, trailing empty fields left off; null when all of it is empty. */
  more: DeskMore | null;
}

export type DeskMore = [
  assignee?: string | null,
  firstResponseAt?: string | null,
  resolvedAt?: string | null,
  closedAt?: string | null,
  purged?: 0 | 1,
  vetting?: Vetting | null,
  referredFrom?: ReferredFrom | null,
  referredTo?: string | null,
];

export interface Desk {
  /** The desk_revision this desk was written under: while the row still has it, no case came or went. */
  revision: string | null;
  /** In queue order: opened first, then by id. */
  rows: DeskRow[];
}

/** What a message's boxes hold. Notes and vetting reach only the helpline (the requester's box is a decoy). */
export type MessageBody =
  | {
      kind: 'intake';
      at: string;
      language: string;
      locale: Locale;
      what: string;
      contact: string;
      /** What the person answered in "Get help now", when they chose to send it. */
      triage: string;
      referredFrom: ReferredFrom | null;
    }
  | { kind: 'requester'; at: string; text: string }
  | { kind: 'reply'; at: string; by: string; text: string }
  | { kind: 'note'; at: string; by: string; text: string }
  /** Threat indicators a handler took from the case, for sharing with CERTs (helpline-only, like a note). */
  | { kind: 'indicators'; at: string; by: string; indicators: Indicator[] }
  /** A handler asks the requester's consent to pass the case to another helpline on this server. */
  | { kind: 'referral'; at: string; by: string; to: string; toName: string; fields: ReferralField[] }
  /** The requester's answer; when they agreed, `caseId` is the case opened at the other helpline. */
  | { kind: 'consent'; at: string; to: string; agreed: boolean; caseId: string | null }
  /** The receiving helpline's answer, written into the referring case. */
  | { kind: 'answer'; at: string; by: string; helpline: string; accepted: boolean };

export const REFERRAL_FIELDS = ['what', 'contact', 'language'] as const;
export type ReferralField = (typeof REFERRAL_FIELDS)[number];

export interface CaseMessage {
  id: string;
  body: MessageBody;
}
