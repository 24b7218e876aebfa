// Referral quality: over the referral test set (data/triage/referral-cases.yaml), the share of cases
// whose every expected mechanism is in the top three, and the number of cases listing a mechanism they
// rule out. Pure computation over the shipped flows and records; no server.
import path from 'node:path';
import { projectRoot } from '../src/config/config.ts';
import { readMechanismFiles } from '../src/features/directory/service.ts';
import { readFlowFiles } from '../src/features/triage/graph.ts';
import { readReferralCases, runReferralCase } from '../src/features/triage/referral-cases.ts';
import type { Figure } from './lib.ts';

export const TARGET_TOP3_PERCENT = 95;

export async function referralBench(): Promise<Figure[]> {
  const dir = path.join(projectRoot, 'data/triage');
  const { set } = readFlowFiles(dir);
  const { records } = readMechanismFiles(path.join(projectRoot, 'data/support'));
  // Today's date: the bench measures the ranking people meet now, stale records included.
  const now = new Date();
  const results = readReferralCases(dir).map((c) => runReferralCase(set, records, c, now));
  const withExpected = results.filter((r) => r.case.top3.length > 0);
  const hits = withExpected.filter((r) => r.missing.length === 0);
  const forbidden = results.filter((r) => r.forbidden.length > 0);
  const figures: Figure[] = [
    {
      label: 'referrals: cases with every expected mechanism in the top 3',
      value: (100 * hits.length) / withExpected.length,
      unit: '%',
      target: { op: '>=', value: TARGET_TOP3_PERCENT },
      note: `${hits.length} of ${withExpected.length} cases`,
    },
    {
      label: 'referrals: cases listing a mechanism they rule out',
      value: forbidden.length,
      unit: '',
      digits: 0,
      target: { op: '<=', value: 0 },
      note: `${results.length} cases`,
    },
  ];
  for (const r of withExpected.filter((x) => x.missing.length > 0)) {
    figures.push({
      label: `  miss: ${r.case.name}`,
      value: r.missing.length,
      unit: '',
      digits: 0,
      detail: true,
      note: `missing ${r.missing.join(', ')}; top 3 ${r.listed.slice(0, 3).join(', ')}`,
    });
  }
  return figures;
}
