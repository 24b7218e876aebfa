// What the repository ships, counted from the data files themselves, so a test's expected numbers follow
// the data: adding or removing a record never needs a test edit, and a loader that drops one still fails.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const SUPPORT_DIR = path.resolve(import.meta.dirname, '../../data/support');

interface ShippedRecord {
  id: string;
  kinds: string[];
  /** YAML reads an unquoted date as a Date. */
  verifiedAt: Date | string;
}

/** The shipped directory records (one YAML file each), read straight from the files, not through the app. */
export function shippedMechanisms(): ShippedRecord[] {
  return fs
    .readdirSync(SUPPORT_DIR)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .map((f) => parse(fs.readFileSync(path.join(SUPPORT_DIR, f), 'utf8')) as ShippedRecord);
}

export function shippedMechanismIds(): string[] {
  return shippedMechanisms()
    .map((m) => String(m.id))
    .sort();
}

/** How many shipped records have any of these kinds. */
export function shippedWithKind(...kinds: string[]): number {
  return shippedMechanisms().filter((m) => (m.kinds ?? []).some((k) => kinds.includes(k))).length;
}

/** How many directory records the repository ships. */
export const SHIPPED_MECHANISMS = shippedMechanismIds().length;

/** A record's last check as written in its file (YYYY-MM-DD; YAML reads an unquoted date as a Date). */
const checkedOn = (m: ShippedRecord) =>
  m.verifiedAt instanceof Date ? m.verifiedAt.toISOString().slice(0, 10) : String(m.verifiedAt);

/** The day a shipped record was last checked. */
export function shippedCheckedOn(id: string): string {
  const record = shippedMechanisms().find((m) => m.id === id);
  if (!record) throw new Error(`no shipped record ${id}`);
  return checkedOn(record);
}

/** The most recent day any shipped record was checked: a test clock set there sees every record fresh. */
export function newestShippedCheck(): string {
  return shippedMechanisms().map(checkedOn).sort().at(-1)!;
}
