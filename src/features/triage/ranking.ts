// The ranked referral list of an outcome. The score is documented in docs/triage.md and shown to the
// person: each result lists the facts that earned its points.
import type { Mechanism } from '../directory/schema.ts';
import { eligible } from './graph.ts';
import type { OutcomeNode } from './schema.ts';
import type { TriageState } from './state.ts';

export type Reason =
  | { fact: 'kind'; kinds: string[]; primary: boolean }
  | { fact: 'serves'; audience: string }
  | { fact: 'language'; language: string }
  | { fact: 'alwaysOn'; urgent: boolean }
  | { fact: 'responseHours'; hours: number }
  | { fact: 'country'; country: string }
  | { fact: 'region'; region: string }
  | { fact: 'global' }
  | { fact: 'theme'; themes: string[] };

export interface Ranked {
  mechanism: Mechanism;
  score: number;
  reasons: Reason[];
}

/** Points per fact; see docs/triage.md. */
export const POINTS = {
  kind: 3,
  primaryKind: 1,
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

export function rankReferrals(
  mechanisms: Mechanism[],
  referral: OutcomeNode['referral'],
  state: TriageState,
  countries: Record<string, string>,
  limit = 5,
): Ranked[] {
  const audience = state.audience ?? (referral.serves.length === 1 ? referral.serves[0] : undefined);
  const region = state.country ? countries[state.country] : undefined;
  return eligible(mechanisms, referral)
    .map((m) => {
      const reasons: Reason[] = [];
      let score = 0;
      const kinds = m.kinds.filter((k) => referral.kinds.includes(k));
      const primary = m.kinds.includes(referral.kinds[0]!);
      score += POINTS.kind + (primary ? POINTS.primaryKind : 0);
      reasons.push({ fact: 'kind', kinds, primary });
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
      if (state.country && m.countries.includes(state.country)) {
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
      return { mechanism: m, score, reasons };
    })
    .sort((a, b) => b.score - a.score || a.mechanism.name.localeCompare(b.mechanism.name))
    .slice(0, limit);
}
