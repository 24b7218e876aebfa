// What the repository ships, counted from the data files themselves, so a test's expected numbers follow
// the data: adding or removing a record never needs a test edit, and a loader that drops one still fails.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const SUPPORT_DIR = path.resolve(import.meta.dirname, '../../data/support');

/** The ids of the shipped directory records (one YAML file each), read straight from the files. */
export function shippedMechanismIds(): string[] {
  return fs
    .readdirSync(SUPPORT_DIR)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .map((f) => String((parse(fs.readFileSync(path.join(SUPPORT_DIR, f), 'utf8')) as { id: unknown }).id))
    .sort();
}

/** How many directory records the repository ships. */
export const SHIPPED_MECHANISMS = shippedMechanismIds().length;
