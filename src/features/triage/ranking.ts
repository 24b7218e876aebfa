// The ranked referral list of an outcome. The order is documented in docs/triage.md and shown to the
// person: each result lists the facts that placed it.
//
// 1. Only mechanisms that fit are listed (eligibility.ts): a kind the outcome names, and the record's
//    own scope (situations, people, countries or regions). Closed records never are.
// 2. Freshness first (decision 0018): records checked within a year and active come before stale or
//    unknown ones (flagged on the card), and paused ones come last.
// 3. Then whether it surely works where the person is: a record limited to some countries or regions
//    comes after those that work everywhere when the person gave no country (its card says where it
//    works, so they can judge).
// 4. The outcome's own priority of kinds: a mechanism offering the outcome's first kind
//    ranks above one offering only its second, whatever else it has.
// 5. Within the same kind, the person's context decides (points below).
// 6. Equal points: the mechanism offering more of the outcome's kinds, then the one made for fewer
//    groups when it serves the person's (journalists only before everyone), then the one with the
//    narrower scope (fewer situations: a specialist before a generalist), then the record id, so the
//    order never depends on the display name.
import { isStale, type Mechanism } from '../directory/service.ts';
import { fits } from './eligibility.ts';
import type { OutcomeNode } from './schema.ts';
import type { TriageState } from './input.ts';

export type Reason =
  | { fact: 'kind'; kinds: string[]; primary: boolean }
  | { fact: 'serves'; audience: string }
  | { fact: 'language'; language: string }
  | { fact: 'alwaysOn'; urgent: boolean }
  | { fact: 'responseHours'; hours: number }
  | { fact: 'country'; country: string }
  | { fact: 'region'; region: string }
  | { fact: 'global' }
  | { fact: 'theme'; themes: string[] }
  | { fact: 'onlyIn'; regions: string[]; countries: string[] };

export interface Ranked {
  mechanism: Mechanism;
  /** Unchecked for over a year on the context's clock: the card says so. */
  stale: boolean;
  /** 0 checked and active, 1 stale or of unknown status, 2 paused; it orders before anything else. */
  standing: number;
  /** 1 when it works only in some places and the person gave no country: it may not work where they are. */
  unsure: number;
  /** Index in the outcome's kinds of the first kind this mechanism offers (0 = the main kind). */
  kindRank: number;
  /** Context points; they order mechanisms of the same kindRank. */
  score: number;
  reasons: Reason[];
}

/** Points per fact of the person's context; see docs/triage.md. */
export const POINTS = {
  serves: 2,
  language: 2,
  alwaysOn: 1,
  alwaysOnUrgent: 3,
  responseHours: 1,
  country: 2,
  region: 1,
  global: 0.5,
  theme: 1,
} as const;

const ALL_SITUATIONS = Number.MAX_SAFE_INTEGER;

function standingOf(m: Mechanism, stale: boolean): number {
  if (m.status === 'paused') return 2;
  return stale || m.status === 'unknown' ? 1 : 0;
}

export function rankReferrals(
  mechanisms: Mechanism[],
  referral: OutcomeNode['referral'],
  state: TriageState,
  countries: Record<string, string>,
  now: Date,
  limit = 5,
): Ranked[] {
  const audience = state.audience ?? (referral.serves.length === 1 ? referral.serves[0] : undefined);
  const region = state.country ? countries[state.country] : undefined;
  const breadth = (m: Mechanism) => m.eligibility?.threats.length ?? ALL_SITUATIONS;
  // For a known audience, a mechanism made for fewer groups (journalists only) is the more specialised.
  const audienceBreadth = (m: Mechanism) => (audience && m.serves.includes(audience as never) ? m.serves.length : 0);
  const offered = (m: Mechanism) => m.kinds.filter((k) => referral.kinds.includes(k));
  return mechanisms
    .filter((m) => fits(m, referral, { audience: state.audience, country: state.country, region }))
    .map((m) => {
      const reasons: Reason[] = [];
      let score = 0;
      const kinds = offered(m);
      const kindRank = Math.min(...kinds.map((k) => referral.kinds.indexOf(k)));
      reasons.push({ fact: 'kind', kinds, primary: kindRank === 0 });
      if (audience && m.serves.includes(audience as never)) {
        score += POINTS.serves;
        reasons.push({ fact: 'serves', audience });
      }
      if (state.language && m.languages.includes(state.language)) {
        score += POINTS.language;
        reasons.push({ fact: 'language', language: state.language });
      }
      if (m.alwaysOn) {
        const urgent = state.urgency === 'now';
        score += urgent ? POINTS.alwaysOnUrgent : POINTS.alwaysOn;
        reasons.push({ fact: 'alwaysOn', urgent });
      }
      if (m.responseHours !== undefined && m.responseHours <= 24) {
        score += POINTS.responseHours;
        reasons.push({ fact: 'responseHours', hours: m.responseHours });
      }
      const countryList = [...m.countries, ...(m.eligibility?.countries ?? [])];
      if (state.country && countryList.includes(state.country)) {
        score += POINTS.country;
        reasons.push({ fact: 'country', country: state.country });
      } else if (region && m.regions.includes(region as never)) {
        score += POINTS.region;
        reasons.push({ fact: 'region', region });
      } else if (m.regions.includes('global')) {
        score += POINTS.global;
        reasons.push({ fact: 'global' });
      }
      const themes = m.themes.filter((t) => referral.themes.includes(t));
      if (themes.length > 0) {
        score += POINTS.theme;
        reasons.push({ fact: 'theme', themes });
      }
      const places = { regions: m.eligibility?.regions ?? [], countries: m.eligibility?.countries ?? [] };
      const unsure = !state.country && places.regions.length + places.countries.length > 0 ? 1 : 0;
      if (unsure) reasons.push({ fact: 'onlyIn', ...places });
      const stale = isStale(m, now);
      return { mechanism: m, stale, standing: standingOf(m, stale), unsure, kindRank, score, reasons };
    })
    .sort(
      (a, b) =>
        a.standing - b.standing ||
        a.unsure - b.unsure ||
        a.kindRank - b.kindRank ||
        b.score - a.score ||
        offered(b.mechanism).length - offered(a.mechanism).length ||
        audienceBreadth(a.mechanism) - audienceBreadth(b.mechanism) ||
        breadth(a.mechanism) - breadth(b.mechanism) ||
        (a.mechanism.id < b.mechanism.id ? -1 : a.mechanism.id > b.mechanism.id ? 1 : 0),
    )
    .slice(0, limit);
}
