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
  status: 'pending' | 'approved' | 'rejected';
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

export interface Database {
  mechanisms: MechanismTable;
  suggestions: SuggestionTable;
  rate_limits: RateLimitTable;
  audit_log: AuditLogTable;
}
