// Risk = Threats x Vulnerabilities / Capacities, per domain (the protection-manual formula). The
// scales and every rule here are written out in docs/assessment.md and shown on the result page.
import type { Domain, DomainId } from './instrument.ts';

/** One stored answer: a threat's likelihood and impact (1-5), or a level (vulnerability 1-5, capacity 0-4). */
export type Answer = { likelihood?: number; impact?: number } | { level?: number };
export type Answers = Record<string, Answer | undefined>;

export type Band = 'low' | 'medium' | 'high' | 'unknown';
export type Assumption = 'vulnerability-missing' | 'capacity-missing' | 'capacity-floor';

export interface DomainScore {
  domain: DomainId;
  /** The worst threat's level, likelihood x impact / 5 (0.2 to 5); null when no threat was rated. */
  threat: number | null;
  worstThreat: string | null;
  vulnerability: number;
  capacity: number;
  /** The capacity the division used (never below CAPACITY_FLOOR). */
  capacityUsed: number;
  risk: number | null;
  band: Band;
  assumptions: Assumption[];
  answered: number;
  questions: number;
}

export const CAPACITY_FLOOR = 0.5;
/** When no vulnerability question is answered, the middle of the scale is assumed. */
export const VULNERABILITY_DEFAULT = 3;
export const BANDS = { medium: 2.5, high: 6 } as const;

const level = (a: Answer | undefined) => (a && 'level' in a && typeof a.level === 'number' ? a.level : undefined);
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const round2 = (x: number) => Math.round(x * 100) / 100;

export function band(risk: number | null): Band {
  if (risk === null) return 'unknown';
  return risk >= BANDS.high ? 'high' : risk >= BANDS.medium ? 'medium' : 'low';
}

export function scoreDomain(domain: Domain, answers: Answers): DomainScore {
  let threat: number | null = null;
  let worstThreat: string | null = null;
  let answered = 0;
  for (const q of domain.threats) {
    const a = answers[q.id];
    if (!a || !('likelihood' in a) || !a.likelihood || !a.impact) continue;
    answered += 1;
    const t = (a.likelihood * a.impact) / 5;
    if (threat === null || t > threat) [threat, worstThreat] = [t, q.id];
  }
  const vs = domain.vulnerabilities.map((q) => level(answers[q.id])).filter((x): x is number => x !== undefined);
  const cs = domain.capacities.map((q) => level(answers[q.id])).filter((x): x is number => x !== undefined);
  answered += vs.length + cs.length;
  const assumptions: Assumption[] = [];
  const vulnerability = vs.length > 0 ? mean(vs) : (assumptions.push('vulnerability-missing'), VULNERABILITY_DEFAULT);
  const capacity = cs.length > 0 ? mean(cs) : (assumptions.push('capacity-missing'), 0);
  const capacityUsed = Math.max(capacity, CAPACITY_FLOOR);
  if (capacity < CAPACITY_FLOOR) assumptions.push('capacity-floor');
  const risk = threat === null ? null : round2((threat * vulnerability) / capacityUsed);
  return {
    domain: domain.id,
    threat: threat === null ? null : round2(threat),
    worstThreat,
    vulnerability: round2(vulnerability),
    capacity: round2(capacity),
    capacityUsed: round2(capacityUsed),
    risk,
    band: band(risk),
    assumptions,
    answered,
    questions: domain.threats.length + domain.vulnerabilities.length + domain.capacities.length,
  };
}

export function scoreAll(domains: Domain[], answers: Answers): DomainScore[] {
  return domains.map((d) => scoreDomain(d, answers));
}
