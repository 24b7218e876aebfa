// Test data: the shared V-Dem files (../shared/data/vdem, never copied into the repository), whole or
// as a small subset of countries written to a temporary directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findVdemDir } from './forecast/vdem-csv.ts';
import { VDEM_FILES } from './vdem-files.ts';

/** The shared V-Dem files (forecast/vdem-csv.ts findVdemDir); undefined where they are not, and the tests skip. */
export const VDEM_DIR = findVdemDir(path.dirname(fileURLToPath(import.meta.url))) ?? findVdemDir();

/** A directory holding only these countries' rows (by alpha-3 code), with the full cutpoints and regions. */
export function vdemSubset(alpha3: readonly string[]): string {
  if (!VDEM_DIR) throw new Error('no shared/data/vdem on this machine');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-vdem-'));
  const [head, ...lines] = fs.readFileSync(path.join(VDEM_DIR, VDEM_FILES.data), 'utf8').trim().split('\n');
  const col = head!.split(',').indexOf('country_text_id');
  const kept = lines.filter((l) => alpha3.includes(l.split(',')[col]!));
  fs.writeFileSync(path.join(dir, VDEM_FILES.data), `${[head, ...kept].join('\n')}\n`);
  for (const f of [VDEM_FILES.cutpoints, VDEM_FILES.regions])
    fs.copyFileSync(path.join(VDEM_DIR, f), path.join(dir, f));
  return dir;
}
