// The referral test set (data/triage/referral-cases.yaml) against the shipped flows and records: no
// mechanism a case rules out is ever listed. The top-three share is a target measured by `npm run bench`.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../config/config.ts';
import { readMechanismFiles } from '../directory/service.ts';
import { allPaths, readFlowFiles } from './graph.ts';
import { namedIds, readReferralCases, runReferralCase, type ReferralCase } from './referral-cases.ts';

const dir = path.join(projectRoot, 'data/triage');
const { set } = readFlowFiles(dir);
const { records } = readMechanismFiles(path.join(projectRoot, 'data/support'));
const cases = readReferralCases(dir);
// The day of the newest check in the data, not today's date: the same ranking whenever the test runs.
const now = new Date(
  `${records
    .map((r) => r.verifiedAt)
    .sort()
    .at(-1)}T12:00:00Z`,
);

describe('the referral test set', () => {
  it('has at least 80 situations, each reaching a real outcome and naming real mechanisms', () => {
    expect(cases.length).toBeGreaterThanOrEqual(80);
    const reachable = new Set(allPaths(set.flows).map((p) => p.at(-1)));
    const ids = new Set(records.map((r) => r.id));
    for (const c of cases) {
      expect(reachable.has(c.outcome as never), `${c.name}: ${c.outcome}`).toBe(true);
      for (const id of namedIds(c)) expect(ids.has(id), `${c.name}: ${id}`).toBe(true);
      expect(
        c.top3.flat().filter((id) => c.never.includes(id)),
        c.name,
      ).toEqual([]);
      expect(c.top3.length + c.never.length, c.name).toBeGreaterThan(0);
    }
  });

  it('never lists a mechanism a case rules out', () => {
    const listedAgainstScope = cases
      .map((c) => runReferralCase(set, records, c, now))
      .filter((r) => r.forbidden.length > 0)
      .map((r) => `${r.case.name}: ${r.forbidden.join(', ')} (listed: ${r.listed.join(', ')})`);
    expect(listedAgainstScope).toEqual([]);
  });

  it('counts a case met when one of several acceptable records is in the top three', () => {
    const run = (c: ReferralCase) => runReferralCase(set, records, c, now);
    const c = cases.find((x) => run({ ...x, top3: [] }).listed.length >= 5)!;
    const [first, , , fourth, fifth] = run({ ...c, top3: [] }).listed as [string, string, string, string, string];
    expect(run({ ...c, top3: [[fourth, first]] }).missing).toEqual([]);
    expect(run({ ...c, top3: [[fourth, fifth]] }).missing).toEqual([`${fourth}/${fifth}`]);
  });
});
