// Whether a mechanism may be listed for a situation at all, from the eligibility its record states
// (src/features/directory/schema.ts). Ranking happens only among mechanisms that pass: a service
// outside its own scope is never listed, however many context points it would earn.
import type { Mechanism } from '../directory/service.ts';
import type { OutcomeNode } from './schema.ts';
import { AUDIENCES } from './input.ts';

type Referral = Pick<OutcomeNode['referral'], 'kinds' | 'serves' | 'themes' | 'threats'>;

/** What the person told us that eligibility can use; anything unknown never excludes. */
export interface Situation {
  audience?: string;
  country?: string;
  /** The region of `country`, from data/triage/countries.yaml. */
  region?: string;
}

/** The groups an outcome itself implies: its `serves`, and LGBTQIA+ people when that is its theme. */
export function situationGroups(referral: Pick<Referral, 'serves' | 'themes'>): string[] {
  return [...referral.serves, ...(referral.themes.includes('lgbtqia') ? ['lgbtqia'] : [])];
}

/** Fits the outcome alone (its kinds, audience, threats and implied groups), before any answer; never when closed. */
export function fitsSituation(m: Mechanism, referral: Referral): boolean {
  if (m.status === 'closed') return false;
  if (!m.kinds.some((k) => referral.kinds.includes(k))) return false;
  if (referral.serves.length > 0 && !m.serves.some((s) => referral.serves.includes(s))) return false;
  // A mechanism focused on other subjects than the outcome's (its themes, when both name some) does not fit.
  if (referral.themes.length > 0 && m.themes.length > 0 && !m.themes.some((t) => referral.themes.includes(t)))
    return false;
  const e = m.eligibility;
  if (!e) return true;
  if (!e.threats.some((t) => referral.threats.includes(t))) return false;
  if (e.who) {
    const implied = situationGroups(referral);
    // A group no context question can name (e.g. LGBTQIA+) must come from the situation itself.
    const askable = e.who.some((w) => (AUDIENCES as readonly string[]).includes(w));
    if (!askable && !e.who.some((w) => implied.includes(w))) return false;
  }
  return true;
}

/** Fits the situation and everything the person said: who is at risk and where. */
export function fits(m: Mechanism, referral: Referral, who: Situation): boolean {
  if (!fitsSituation(m, referral)) return false;
  const e = m.eligibility;
  if (!e) return true;
  if (e.who && who.audience) {
    const implied = situationGroups(referral);
    if (!e.who.includes(who.audience as never) && !e.who.some((w) => implied.includes(w))) return false;
  }
  if ((e.countries || e.regions) && who.country) {
    const inCountry = e.countries?.includes(who.country) ?? false;
    const inRegion = who.region !== undefined && (e.regions?.includes(who.region as never) ?? false);
    if (!inCountry && !inRegion) return false;
  }
  return true;
}
