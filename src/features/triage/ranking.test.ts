import { describe, expect, it } from 'vitest';
import { mechanismSchema, type MechanismInput } from '../directory/schema.ts';
import { rankReferrals } from './ranking.ts';
import { readState } from './state.ts';

const make = (over: Partial<MechanismInput>) =>
  mechanismSchema.parse({
    id: 'x', name: 'Xx', summary: 'A mechanism used in the ranking tests.', kinds: ['training'], serves: ['cso'], regions: ['global'],
    contact: { website: 'https://example.org' }, verifiedAt: '2026-11-24', source: [{ title: 'Test' }], version: 1, ...over,
  });

const helpline = make({ id: 'helpline', name: 'Helpline', kinds: ['digital-security-helpline', 'incident-response'], serves: ['cso', 'hrd'], languages: ['en', 'es'], alwaysOn: true, responseHours: 2, themes: ['digital'] });
const cert = make({ id: 'cert', name: 'Cert Network', kinds: ['digital-security-helpline', 'threat-sharing'], serves: ['cso'], themes: ['digital'] });
const fund = make({ id: 'fund', name: 'Incident Fund', kinds: ['emergency-grant', 'incident-response'], serves: ['hrd', 'journalist'], regions: ['africa'], countries: ['KE'] });
const guide = make({ id: 'guide', name: 'Guide', kinds: ['training'] });
const referral = { kinds: ['digital-security-helpline' as const, 'incident-response' as const], themes: ['digital' as const], serves: [] };
const countries = { KE: 'africa', ES: 'europe' };

describe('rankReferrals', () => {
  it('worked example: account taken over, an organisation, Spanish, happening now', () => {
    const state = readState(new URLSearchParams('who=cso&lang=es&urgency=now'));
    const ranked = rankReferrals([guide, fund, cert, helpline], referral, state, countries);
    // helpline: kind 3 + primary 1 + serves 2 + language 2 + 24/7 now 3 + reply in 2 h 1 + global 0.5 + theme 1 = 13.5
    // cert:     kind 3 + primary 1 + serves 2 + global 0.5 + theme 1 = 7.5
    // fund:     kind 3 (incident-response, not primary), nothing else matches (region africa, not global) = 3
    // guide:    offers none of the kinds: not listed
    expect(ranked.map((r) => [r.mechanism.id, r.score])).toEqual([['helpline', 13.5], ['cert', 7.5], ['fund', 3]]);
    expect(ranked[0]!.reasons.map((r) => r.fact)).toEqual(['kind', 'serves', 'language', 'alwaysOn', 'responseHours', 'global', 'theme']);
  });

  it('24/7 weighs more when it is happening now', () => {
    const later = rankReferrals([helpline], referral, readState(new URLSearchParams('urgency=later')), countries)[0]!;
    const now = rankReferrals([helpline], referral, readState(new URLSearchParams('urgency=now')), countries)[0]!;
    expect(now.score - later.score).toBe(2);
  });

  it('prefers a mechanism working in the person\'s country, then region, then worldwide', () => {
    const inKenya = rankReferrals([fund, cert], { ...referral, kinds: ['incident-response', 'digital-security-helpline'] }, readState(new URLSearchParams('country=KE')), countries);
    expect(inKenya[0]!.mechanism.id).toBe('fund');
    expect(inKenya[0]!.reasons).toContainEqual({ fact: 'country', country: 'KE' });
    const regional = make({ id: 'regional', kinds: ['incident-response'], regions: ['europe'] });
    const inSpain = rankReferrals([regional], { ...referral, kinds: ['incident-response'] }, readState(new URLSearchParams('country=ES')), countries);
    expect(inSpain[0]!.reasons).toContainEqual({ fact: 'region', region: 'europe' });
  });

  it('"prefer not to say" counts as answered but earns no points', () => {
    const state = readState(new URLSearchParams('who=none&lang=none&country=none'));
    expect(state.answered).toEqual({ audience: 'none', language: 'none', country: 'none' });
    expect(state.audience).toBeUndefined();
    expect(rankReferrals([cert], referral, state, countries)[0]!.score).toBe(3 + 1 + 0.5 + 1);
  });

  it('ignores tampered state values instead of failing', () => {
    const state = readState(new URLSearchParams('who=<script>&lang=english&country=xx&urgency=1'));
    expect(state.answered).toEqual({});
  });

  it('breaks ties by name and lists at most five', () => {
    const many = Array.from({ length: 8 }, (_, i) => make({ id: `m${i}`, name: `M${7 - i}`, kinds: ['incident-response'] }));
    const ranked = rankReferrals(many, { ...referral, kinds: ['incident-response'] }, readState(new URLSearchParams()), countries);
    expect(ranked.map((r) => r.mechanism.name)).toEqual(['M0', 'M1', 'M2', 'M3', 'M4']);
  });
});
