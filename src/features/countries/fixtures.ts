// Test data: the shared V-Dem files (../shared/data/vdem, never copied into the repository), whole or
// as a small subset of countries written to a temporary directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VDEM_FILES } from './vdem-files.ts';

/** The nearest shared/data/vdem above this file (../shared beside the checkout, wherever that is). */
function findShared(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared', 'data', 'vdem');
    if (fs.existsSync(path.join(candidate, VDEM_FILES.data))) return candidate;
    if (path.dirname(dir) === dir) throw new Error('no shared/data/vdem above the checkout');
  }
}

export const VDEM_DIR = findShared();

/** A directory holding only these countries' rows (by alpha-3 code), with the full cutpoints and regions. */
export function vdemSubset(alpha3: readonly string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-vdem-'));
  const [head, ...lines] = fs.readFileSync(path.join(VDEM_DIR, VDEM_FILES.data), 'utf8').trim().split('\n');
  const col = head!.split(',').indexOf('country_text_id');
  const kept = lines.filter((l) => alpha3.includes(l.split(',')[col]!));
  fs.writeFileSync(path.join(dir, VDEM_FILES.data), `${[head, ...kept].join('\n')}\n`);
  for (const f of [VDEM_FILES.cutpoints, VDEM_FILES.regions])
    fs.copyFileSync(path.join(VDEM_DIR, f), path.join(dir, f));
  return dir;
}
