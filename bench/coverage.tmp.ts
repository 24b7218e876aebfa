import path from 'node:path';
import { projectRoot } from '../src/config/config.ts';
import { readMechanismFiles } from '../src/features/directory/service.ts';
import { readFlowFiles } from '../src/features/triage/graph.ts';
import { rankReferrals } from '../src/features/triage/ranking.ts';
import { readState } from '../src/features/triage/input.ts';
import { AUDIENCES } from '../src/features/triage/input.ts';
const { set } = readFlowFiles(path.join(projectRoot, 'data/triage'));
const { records } = readMechanismFiles(path.join(projectRoot, 'data/support'));
const countries: Record<string, string> = { none: '', KE: 'africa', MX: 'americas', PH: 'asia-pacific', HU: 'europe', KZ: 'eurasia', EG: 'mena', RU: 'eurasia', CN: 'asia-pacific' };
for (const flow of set.flows.values()) for (const [id, n] of Object.entries(flow.nodes)) {
  if (n.type !== 'outcome') continue;
  const row: string[] = [];
  for (const who of ['none', ...AUDIENCES]) for (const c of Object.keys(countries)) {
    const q = new URLSearchParams(); if (who !== 'none') q.set('who', who); if (c !== 'none') q.set('country', c);
    const listed = rankReferrals(records, n.referral, readState(q), set.countries, new Date(), Infinity);
    if (listed.length < 2) row.push(`${who}/${c}:${listed.length}`);
  }
  const all = rankReferrals(records, n.referral, readState(new URLSearchParams()), set.countries, new Date(), 5).map(r=>r.mechanism.id);
  console.log(`${flow.id}/${id} top5=${all.join(',')}${row.length ? `\n   THIN: ${row.join(' ')}` : ''}`);
}
