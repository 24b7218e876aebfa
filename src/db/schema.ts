// Table types for Kysely. Timestamps, booleans and JSON differ by dialect on the wire; the
// helpers in values.ts turn them into Date, boolean and objects once.
import type { Generated } from 'kysely';

type Timestamp = string | Date;
type Json = string | object;

export interface MechanismTable {
  id: string;
  name: string;
  /** The whole record as validated by mechanismSchema. */
  doc: Json;
  /** The data file version last applied; a file only overwrites the row when its version rises. */
  version: number;
  origin: 'file' | 'curator' | 'suggestion';
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SuggestionTable {
  id: string;
  kind: 'new' | 'correction';
  mechanism_id: string | null;
  /** Sealed JSON of what the person wrote (it may hold their contact details). */
  payload: string;
  status: 'pending' | 'approved' | 'rejected' | 'merged';
  reason: string | null;
  created_at: Timestamp;
  decided_at: Timestamp | null;
}

export interface RateLimitTable {
  bucket: string;
  window_start: number;
  hits: Generated<number>;
}

export interface AuditLogTable {
  seq: number | string;
  at: Timestamp;
  actor: string;
  action: string;
  object_type: string;
  object_id: string;
  org_id: string | null;
  prev_hash: string;
  hash: string;
}

type Bool = number | boolean;

export interface OrganisationTable {
  id: string;
  name: string;
  require_mfa: Bool;
  /** Owners may choose "erase the organisation" as a duress action (0009). */
  allow_duress_erase: Generated<Bool>;
  /** Mixed with the organisation's secret into its data key; null for organisations from before 0007. */
  key_salt: string | null;
  /** The row of org_recovery holding the secret under the recovery key. */
  recovery_id: string | null;
  created_at: Timestamp;
}

/** An organisation's key as wrapped by the server key: only organisations from before 0007, until an owner signs in. */
export interface OrgKeyTable {
  org_id: string;
  wrapped: string;
  created_at: Timestamp;
}

export interface UserTable {
  id: string;
  email_lookup: string;
  email: string;
  name: string;
  password_hash: string | null;
  platform_role: 'operator' | 'curator' | null;
  totp_secret: string | null;
  totp_last_step: number | string | null;
  /** Sealed: a new authenticator's secret, until confirmed or replaced (0005). */
  totp_pending: string | null;
  disabled_at: Timestamp | null;
  created_at: Timestamp;
  /** Raw X25519 public key, base64url; null until the first sign-in after 0007 or after a key loss. */
  public_key: string | null;
  /** The private key wrapped under a key derived from the password (src/platform/member-keys.ts). */
  private_key: string | null;
  /** When the account last lost its keys (a password reset, duress): its organisations must grant them again. */
  access_lost_at: Timestamp | null;
  /** argon2id hash of the duress passphrase, or of a random secret: every account has one (0009). */
  duress_hash: string | null;
  /** What a duress sign-in does, sealed under a key from the duress passphrase; random when none is set. */
  duress: string | null;
}

/** A member of an organisation, named by tags under the organisation's key; `doc` sealed under it. */
export interface OrgMemberTable {
  member_tag: string;
  org_tag: string;
  doc: string;
}

/** An organisation's secret as a sealed box to one account's public key; the id is a tag under its key. */
export interface KeyGrantTable {
  id: string;
  user_id: string;
  box: string;
  created_at: Timestamp;
}

/** An organisation's secret under its recovery key; the id is derived from the recovery key. */
export interface OrgRecoveryTable {
  id: string;
  wrapped: string;
  created_at: Timestamp;
}

export interface InvitationTable {
  id: string;
  token_hash: string;
  /** Only platform invitations before 0007 set it; an organisation's invitations carry org_tag and grant. */
  org_id: string | null;
  /** A tag under the organisation's key, so its admins can list them. */
  org_tag: string | null;
  /** The organisation's id and secret, sealed under a key derived from the link's token. */
  grant: string | null;
  email_lookup: string;
  email: string;
  role: 'owner' | 'admin' | 'member' | 'viewer' | 'operator' | 'curator';
  invited_by: string;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  created_at: Timestamp;
}

export interface SessionTable {
  id: string;
  token_hash: string;
  user_id: string;
  stage: 'second-factor' | 'full';
  /** The member's key pair, sealed under a key derived from the cookie's token (never from its hash). */
  keys: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface PasswordResetTable {
  token_hash: string;
  user_id: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: Timestamp | null;
}

export interface RecoveryCodeTable {
  user_id: string;
  code_hash: string;
  used_at: Timestamp | null;
}

export interface LoginFailureTable {
  email_lookup: string;
  failures: number;
  last_failed_at: Timestamp;
  locked_until: Timestamp | null;
}

export interface TrustedDeviceTable {
  token_hash: string;
  user_id: string;
  email_lookup: string;
  created_at: Timestamp;
  last_used_at: Timestamp;
}

export interface SignupVerificationTable {
  id: string;
  token_hash: string;
  email_lookup: string;
  email: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

export interface AssessmentTable {
  id: string;
  org_id: string;
  /** Plain on purpose: that an assessment is open or closed, and when, says nothing of its answers. */
  status: 'open' | 'closed';
  based_on: string | null;
  instrument_version: number;
  /** Sealed (0007): who opened it. */
  created_by: string;
  created_at: Timestamp;
  /** Sealed (0007): who closed it. */
  closed_by: string | null;
  closed_at: Timestamp | null;
  /** Sealed JSON, written at close. */
  scores: string | null;
  /** Sealed, padded JSON of every answer, note and context answer. */
  doc: string | null;
  /** A random token replaced by every change; a write succeeds only against the revision it read. */
  revision: string;
}

/** One sealed document per organisation and kind: the action plan, the adopted what-if cards. */
export interface OrgDocumentTable {
  id: string;
  org_id: string;
  kind: 'plan' | 'scenarios';
  doc: string;
  revision: string;
}

/** Background work (platform/jobs.ts): claimed by one process at a time, deleted when done. */
export interface JobTable {
  id: string;
  kind: string;
  run_at: Timestamp;
  /** Sealed or plain JSON, as the caller decides; nothing identifying in plain. */
  payload: string | null;
  attempts: Generated<number>;
  locked_until: Timestamp | null;
  /** The last failure's error name, never its message. */
  last_error: string | null;
  /** A recurring job's key: one row per key. */
  unique_key: string | null;
  created_at: Timestamp;
}

/** A member's prepared alert for their trusted contacts, sealed under the server key by their choice (0009). */
export interface ProtectionAlertTable {
  user_id: string;
  doc: string;
  updated_at: Timestamp;
}

/** Sealed documents of the remote trigger (0010): an organisation's settings, the reports about one member. */
export interface RemoteTriggerTable {
  /** A tag under the organisation's key. */
  tag: string;
  /** Sealed and padded under the organisation's key. */
  doc: string;
  revision: string;
}

/** A member's check-in (0010), sealed under the platform scope so it fires with nobody signed in. */
export interface CheckInTable {
  /** A tag under a key derived from the server key. */
  tag: string;
  doc: string;
  revision: string;
}

/** A sealed document found by a keyed tag (docs/decisions/0021): no organisation id on the row. */
export type TaggedDocTable<Tag extends string> = { id: string; doc: string; revision: string } & Record<Tag, string>;

/** A published event, reduced to its publishable fields: plain by the organisation's choice, naming no organisation. */
export interface MonitorPublicTable {
  id: string;
  country: string;
  /** The start date as written (YYYY, YYYY-MM or YYYY-MM-DD): sorts as text. */
  starts: string;
  /** The violation types, as `|type|type|`. */
  types: string;
  doc: string;
  published_at: Timestamp;
}

/** An anonymous report or addition: a sealed box to the intake's key. */
export interface MonitorReportTable {
  id: string;
  intake_id: string;
  box: string;
}

/** The SHA-256 of a receipt code, and the report it adds to. */
export interface MonitorReceiptTable {
  hash: string;
  report_id: string;
}

export interface Database {
  mechanisms: MechanismTable;
  suggestions: SuggestionTable;
  rate_limits: RateLimitTable;
  audit_log: AuditLogTable;
  organisations: OrganisationTable;
  org_keys: OrgKeyTable;
  users: UserTable;
  org_members: OrgMemberTable;
  key_grants: KeyGrantTable;
  org_recovery: OrgRecoveryTable;
  invitations: InvitationTable;
  sessions: SessionTable;
  password_resets: PasswordResetTable;
  recovery_codes: RecoveryCodeTable;
  login_failures: LoginFailureTable;
  trusted_devices: TrustedDeviceTable;
  signup_verifications: SignupVerificationTable;
  assessments: AssessmentTable;
  org_documents: OrgDocumentTable;
  jobs: JobTable;
  protection_alerts: ProtectionAlertTable;
  remote_trigger: RemoteTriggerTable;
  check_ins: CheckInTable;
  monitor_events: TaggedDocTable<'org_tag'>;
  monitor_versions: TaggedDocTable<'event_tag'>;
  monitor_files: TaggedDocTable<'org_tag'>;
  /**
   * public_key is empty while the form is off; intro (the text above the form) is sealed under the
   * platform key, for requests that hold no organisation key, and empty while the form is off.
   */
  monitor_intakes: TaggedDocTable<'org_tag'> & { public_key: string; intro: string };
  monitor_public: MonitorPublicTable;
  monitor_reports: MonitorReportTable;
  monitor_receipts: MonitorReceiptTable;
  monitor_networks: { id: string; salt: string; doc: string; revision: string };
  monitor_network_grants: { tag: string; org_tag: string; doc: string };
  monitor_network_invites: { hash: string; sealed: string };
  monitor_shared: { id: string; network_tag: string; doc: string };
  /** profile and alerts are sealed under the platform key (empty while off); desk under the organisation's key. */
  helplines: TaggedDocTable<'org_tag'> & {
    public_key: string;
    profile: string;
    alerts: string;
    desk: string;
    desk_revision: string;
  };
  cases: { id: string; helpline_id: string; code_hash: string; requester_key: string; requester_secret: string };
  case_messages: { id: string; case_id: string; helpline_box: string; requester_box: string };
  vdem_country_years: VdemCountryYearTable;
  legislation_entries: LegislationEntryTable;
  legislation_follows: LegislationFollowTable;
  vdem_cutpoints: { indicator: string; up: number; down: number };
  vdem_forecasts: VdemForecastTable;
  vdem_forecast_runs: {
    id: string;
    data_revision: string;
    model_version: string;
    from_year: number;
    made_at: string;
    scores: string | null;
  };
}

/** A current forecast of one country, space and direction (migration 0016; public data). */
export interface VdemForecastTable {
  iso2: string;
  space: string;
  direction: string;
  from_year: number;
  probability: number;
  base_rate: number;
  factors: string;
}

/** One country-year of V-Dem's six democratic-space indices (migration 0015; public data). */
export interface VdemCountryYearTable {
  iso3: string;
  year: number;
  iso2: string;
  gwcode: number;
  name: string;
  region: number | null;
  v2xcs_ccsi: number | null;
  v2x_freexp_altinf: number | null;
  v2xcl_rol: number | null;
  v2x_veracc_osp: number | null;
  v2x_horacc_osp: number | null;
  v2x_pubcorr: number | null;
}

/** A curator's edit of a legislation tracker entry (migration 0016; public data): the entry as JSON. */
export interface LegislationEntryTable {
  id: string;
  document: string;
  /** ISO 8601 time of the edit. */
  updated_at: string;
}

/** An organisation's follow of the legislation tracker (migration 0018), found by a keyed tag of its id. */
export interface LegislationFollowTable {
  id: string;
  org_tag: string;
  /** Sealed under the server key: account ids, countries, kinds and the mail language, nothing more. */
  follow: string;
  /** Sealed under the server key: the entry steps already announced. */
  announced: string;
  revision: string;
}
