// The referral test set (data/triage/referral-cases.yaml): situations drawn from the OGP guide and the
// records' own stated scopes, each naming the mechanisms that must be in the top three and those that
// must never be listed. `npm test` fails on any "never"; `npm run bench` reports the top-three share.
import path from 'node:path';
import { z } from 'zod';
import { formatDataProblem, readDataFile } from '../../platform/data-files.ts';
import { mechanismIdSchema, type Mechanism } from '../directory/service.ts';
import { nodeAt, REFERRAL_CASES, type FlowSet, type NodeKey } from './graph.ts';
import { rankReferrals } from './ranking.ts';
import { AUDIENCES, readState } from './input.ts';

export const referralCaseSchema = z
  .object({
    /** What is happening, in a few words. */
    name: z.string().min(3),
    /** Where the expectation comes from: the guide's words or the records' stated scope. */
    why: z.string().min(3),
    /** The outcome reached, as flow/node. */
    outcome: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'must be flow/node'),
    /** The context answers, as the triage asks them ("none" = prefers not to say). */
    context: z
      .object({
        country: z
          .string()
          .regex(/^([A-Z]{2}|none)$/)
          .optional(),
        audience: z.enum([...AUDIENCES, 'none']).optional(),
        language: z
          .string()
          .regex(/^([a-z]{2}|none)$/)
          .optional(),
        urgency: z.enum(['now', 'days', 'later', 'none']).optional(),
      })
      .strict()
      .default({}),
    /**
     * What must be in the top three: an id, or a list of ids of which one is enough (where several
     * records fit the situation equally, e.g. three free DDoS protection services).
     */
    top3: z.array(z.union([mechanismIdSchema, z.array(mechanismIdSchema).min(2)])).default([]),
    never: z.array(mechanismIdSchema).default([]),
  })
  .strict();
export type ReferralCase = z.output<typeof referralCaseSchema>;

/** Every mechanism id a case names, expected or ruled out. */
export function namedIds(c: ReferralCase): string[] {
  return [...c.top3.flat(), ...c.never];
}

const referralCasesFileSchema = z.object({ cases: z.array(referralCaseSchema).min(1) });

export function readReferralCases(triageDir: string): ReferralCase[] {
  const { value, problems } = readDataFile(path.join(triageDir, REFERRAL_CASES), referralCasesFileSchema);
  if (!value) throw new Error(`the referral cases are not valid: ${problems.map(formatDataProblem).join('; ')}`);
  return value.cases;
}

export interface CaseResult {
  case: ReferralCase;
  /** Every mechanism the outcome lists for these answers, in order (the page shows the first five). */
  listed: string[];
  /** Expected in the top three but not there ("a/b" when one of several was expected). */
  missing: string[];
  /** Listed although the case says never. */
  forbidden: string[];
}

/** `now` decides which records are stale (ranked lower), as the context's clock does for the pages. */
export function runReferralCase(set: FlowSet, mechanisms: Mechanism[], c: ReferralCase, now: Date): CaseResult {
  const at = nodeAt(set.flows, c.outcome as NodeKey);
  if (!at || at.node.type !== 'outcome') throw new Error(`${c.name}: ${c.outcome} is not an outcome`);
  const q = new URLSearchParams();
  const params = { audience: 'who', language: 'lang', country: 'country', urgency: 'urgency' } as const;
  for (const [field, value] of Object.entries(c.context)) if (value) q.set(params[field as keyof typeof params], value);
  const listed = rankReferrals(mechanisms, at.node.referral, readState(q), set.countries, now, Infinity).map(
    (r) => r.mechanism.id,
  );
  const top3 = listed.slice(0, 3);
  return {
    case: c,
    listed,
    missing: c.top3
      .filter((want) => !(typeof want === 'string' ? [want] : want).some((id) => top3.includes(id)))
      .map((want) => (typeof want === 'string' ? want : want.join('/'))),
    forbidden: c.never.filter((id) => listed.includes(id)),
  };
}
