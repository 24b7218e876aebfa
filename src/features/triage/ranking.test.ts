import { describe, expect, it } from 'vitest';
import { mechanismSchema, type MechanismInput } from '../directory/service.ts';
import { rankReferrals } from './ranking.ts';
import type { OutcomeNode } from './schema.ts';
import { readState } from './input.ts';

const make = (over: Partial<MechanismInput>) =>
  mechanismSchema.parse({
    id: 'x',
    name: 'Xx',
    summary: 'A mechanism used in the ranking tests.',
    kinds: ['training'],
    serves: ['cso'],
    regions: ['global'],
    contact: { website: 'https://example.org' },
    verifiedAt: '2026-11-24',
    source: [{ title: 'Test' }],
    version: 1,
    ...over,
  });

const helpline = make({
  id: 'helpline',
  name: 'Helpline',
  kinds: ['digital-security-helpline', 'incident-response'],
  serves: ['cso', 'hrd'],
  languages: ['en', 'es'],
  alwaysOn: true,
  responseHours: 2,
  themes: ['digital'],
});
const cert = make({
  id: 'cert',
  name: 'Cert Network',
  kinds: ['digital-security-helpline', 'threat-sharing'],
  serves: ['cso'],
  themes: ['digital'],
});
const fund = make({
  id: 'fund',
  name: 'Incident Fund',
  kinds: ['emergency-grant', 'incident-response'],
  serves: ['hrd', 'journalist'],
  regions: ['africa'],
  countries: ['KE'],
});
const guide = make({ id: 'guide', name: 'Guide', kinds: ['training'] });
type Referral = OutcomeNode['referral'];
const referral: Referral = {
  kinds: ['digital-security-helpline', 'incident-response'],
  threats: ['digital-attack'],
  themes: ['digital'],
  serves: [],
};
const countries = { KE: 'africa', ES: 'europe', GE: 'eurasia', BR: 'americas' };
/** The test clock: a week after the records' default check. */
const NOW = new Date('2026-12-01T10:00:00Z');
const ids = (r: { mechanism: { id: string } }[]) => r.map((x) => x.mechanism.id);

describe('rankReferrals', () => {
  it('worked example: account taken over, an organisation, Spanish, happening now', () => {
    const state = readState(new URLSearchParams('who=cso&lang=es&urgency=now'));
    const ranked = rankReferrals([guide, fund, cert, helpline], referral, state, countries, NOW);
    // helpline: main kind; serves 2 + language 2 + 24/7 now 3 + reply in 2 h 1 + global 0.5 + theme 1 = 9.5
    // cert:     main kind; serves 2 + global 0.5 + theme 1 = 3.5
    // fund:     second kind only (incident-response): after both, whatever its points; 0 (africa, not global)
    // guide:    offers none of the kinds: not listed
    expect(ranked.map((r) => [r.mechanism.id, r.kindRank, r.score])).toEqual([
      ['helpline', 0, 9.5],
      ['cert', 0, 3.5],
      ['fund', 1, 0],
    ]);
    expect(ranked[0]!.reasons.map((r) => r.fact)).toEqual([
      'kind',
      'serves',
      'language',
      'alwaysOn',
      'responseHours',
      'global',
      'theme',
    ]);
  });

  it("ranks the outcome's main kind first, even against a 24/7 service speaking the language (an arrest)", () => {
    const hotline = make({ id: 'hotline', kinds: ['protection-hotline'], serves: ['hrd'] });
    const arrest: Referral = {
      kinds: ['protection-hotline', 'emergency-grant', 'digital-security-helpline'],
      threats: ['detention'],
      themes: [],
      serves: [],
    };
    const ranked = rankReferrals(
      [helpline, hotline],
      arrest,
      readState(new URLSearchParams('who=cso&lang=es&urgency=now')),
      countries,
      NOW,
    );
    expect(ranked[0]!.score).toBeLessThan(ranked[1]!.score);
    expect(ids(ranked)).toEqual(['hotline', 'helpline']);
  });

  it('24/7 weighs more when it is happening now', () => {
    const later = rankReferrals(
      [helpline],
      referral,
      readState(new URLSearchParams('urgency=later')),
      countries,
      NOW,
    )[0]!;
    const now = rankReferrals([helpline], referral, readState(new URLSearchParams('urgency=now')), countries, NOW)[0]!;
    expect(now.score - later.score).toBe(2);
  });

  it("prefers a mechanism working in the person's country, then region, then worldwide", () => {
    const kinds: Referral = { ...referral, kinds: ['incident-response', 'digital-security-helpline'] };
    const inKenya = rankReferrals([fund, cert], kinds, readState(new URLSearchParams('country=KE')), countries, NOW);
    expect(inKenya[0]!.mechanism.id).toBe('fund');
    expect(inKenya[0]!.reasons).toContainEqual({ fact: 'country', country: 'KE' });
    const regional = make({ id: 'regional', kinds: ['incident-response'], regions: ['europe'] });
    const inSpain = rankReferrals(
      [regional],
      { ...referral, kinds: ['incident-response'] },
      readState(new URLSearchParams('country=ES')),
      countries,
      NOW,
    );
    expect(inSpain[0]!.reasons).toContainEqual({ fact: 'region', region: 'europe' });
  });

  it('"prefer not to say" counts as answered but earns no points', () => {
    const state = readState(new URLSearchParams('who=none&lang=none&country=none'));
    expect(state.answered).toEqual({ audience: 'none', language: 'none', country: 'none' });
    expect(state.audience).toBeUndefined();
    expect(rankReferrals([cert], referral, state, countries, NOW)[0]!.score).toBe(0.5 + 1);
  });

  it('ignores tampered state values instead of failing', () => {
    const state = readState(new URLSearchParams('who=<script>&lang=english&country=xx&urgency=1'));
    expect(state.answered).toEqual({});
  });

  it('breaks ties by how many kinds fit, then the narrower scope, never by name, and lists at most five', () => {
    const byName = Array.from({ length: 8 }, (_, i) =>
      make({ id: `m${i}`, name: `A${i}`, kinds: ['incident-response'] }),
    );
    const broad = make({
      id: 'broad',
      name: 'AAA',
      kinds: ['incident-response'],
      eligibility: { threats: ['digital-attack', 'raid', 'detention'] },
    });
    const narrow = make({
      id: 'narrow',
      name: 'ZZZ',
      kinds: ['incident-response'],
      eligibility: { threats: ['digital-attack'] },
    });
    const both = make({ id: 'zz-both', name: 'ZZZZ', kinds: ['incident-response', 'digital-security-helpline'] });
    const ranked = rankReferrals(
      [...byName, broad, narrow, both],
      { ...referral, kinds: ['incident-response', 'digital-security-helpline'] },
      readState(new URLSearchParams()),
      countries,
      NOW,
    );
    expect(ids(ranked)).toEqual(['zz-both', 'narrow', 'broad', 'm0', 'm1']);
  });
});

describe('eligibility', () => {
  const frozen: Referral = {
    kinds: ['emergency-grant', 'banking-guide'],
    threats: ['frozen-funds'],
    themes: ['banking'],
    serves: [],
  };
  const lgbtqiaFund = make({
    id: 'lgbtqia-fund',
    kinds: ['emergency-grant'],
    serves: ['lgbtqia', 'cso'],
    eligibility: { threats: ['physical-threat', 'frozen-funds'], who: ['lgbtqia'] },
  });
  const digitalFund = make({
    id: 'digital-fund',
    kinds: ['emergency-grant'],
    serves: ['cso'],
    eligibility: { threats: ['digital-attack'] },
  });
  const anyFund = make({
    id: 'any-fund',
    kinds: ['emergency-grant'],
    serves: ['cso'],
    eligibility: { threats: ['frozen-funds', 'relocation'], who: ['cso'] },
  });

  it('never lists a fund outside the situations it covers, nor a programme only for a group the situation does not name', () => {
    const ranked = rankReferrals(
      [lgbtqiaFund, digitalFund, anyFund],
      frozen,
      readState(new URLSearchParams('who=cso')),
      countries,
      NOW,
    );
    expect(ids(ranked)).toEqual(['any-fund']);
    const lgbtqia = rankReferrals(
      [lgbtqiaFund, digitalFund, anyFund],
      { ...frozen, themes: ['lgbtqia'] },
      readState(new URLSearchParams('who=cso')),
      countries,
      NOW,
    );
    expect(ids(lgbtqia)).toEqual(['any-fund', 'lgbtqia-fund']);
  });

  it('never lists a mechanism for people it does not serve, once the person said who is at risk', () => {
    expect(ids(rankReferrals([anyFund], frozen, readState(new URLSearchParams('who=hrd')), countries, NOW))).toEqual(
      [],
    );
    expect(ids(rankReferrals([anyFund], frozen, readState(new URLSearchParams('who=none')), countries, NOW))).toEqual([
      'any-fund',
    ]);
  });

  it('never lists a mechanism limited to some countries or regions for a country outside them', () => {
    const monitor = make({
      id: 'eap-monitor',
      kinds: ['monitor'],
      regions: ['europe', 'eurasia'],
      eligibility: { threats: ['restrictive-law'], countries: ['GE', 'UA'] },
    });
    const banking = make({
      id: 'eu-banking',
      kinds: ['monitor'],
      regions: ['europe'],
      eligibility: { threats: ['restrictive-law'], regions: ['europe'] },
    });
    const law: Referral = { kinds: ['monitor'], threats: ['restrictive-law'], themes: [], serves: [] };
    const at = (country: string) =>
      ids(
        rankReferrals([monitor, banking], law, readState(new URLSearchParams(`country=${country}`)), countries, NOW),
      ).sort();
    expect(at('GE')).toEqual(['eap-monitor']);
    expect(at('ES')).toEqual(['eu-banking']);
    expect(at('BR')).toEqual([]);
    expect(at('none')).toEqual(['eap-monitor', 'eu-banking']);
  });

  it('puts a record limited to some places after those that work everywhere when no country is given', () => {
    const regional = make({
      id: 'regional',
      name: 'Regional Helpdesk',
      kinds: ['digital-security-helpline'],
      themes: ['digital'],
      regions: ['mena'],
      eligibility: { threats: ['digital-attack'], regions: ['mena'] },
    });
    const two: Referral = { ...referral, kinds: ['digital-security-helpline', 'emergency-grant'] };
    const global = make({ id: 'global-fund', name: 'Global Fund', kinds: ['emergency-grant'] });
    const unknown = rankReferrals([regional, global], two, readState(new URLSearchParams()), countries, NOW);
    expect(ids(unknown)).toEqual(['global-fund', 'regional']);
    expect(unknown[1]!.reasons).toContainEqual({ fact: 'onlyIn', regions: ['mena'], countries: [] });
    const inRegion = rankReferrals(
      [regional, global],
      two,
      readState(new URLSearchParams('country=EG')),
      {
        ...countries,
        EG: 'mena',
      },
      NOW,
    );
    expect(ids(inRegion)).toEqual(['regional', 'global-fund']);
    expect(inRegion[0]!.reasons.map((r) => r.fact)).not.toContain('onlyIn');
  });

  it("on equal points, puts a mechanism made for the person's group before one made for everyone", () => {
    const prep: Referral = { kinds: ['training'], threats: ['preparation'], themes: ['digital'], serves: [] };
    const forAll = make({ id: 'a-for-all', serves: ['cso', 'hrd', 'journalist'], themes: ['digital'] });
    const forJournalists = make({ id: 'z-for-journalists', serves: ['journalist'], themes: ['digital'] });
    const state = (q: string) => readState(new URLSearchParams(q));
    expect(ids(rankReferrals([forAll, forJournalists], prep, state('who=journalist'), countries, NOW))).toEqual([
      'z-for-journalists',
      'a-for-all',
    ]);
    // No audience given: nothing to specialise on, the id decides.
    expect(ids(rankReferrals([forAll, forJournalists], prep, state(''), countries, NOW))).toEqual([
      'a-for-all',
      'z-for-journalists',
    ]);
  });
});
