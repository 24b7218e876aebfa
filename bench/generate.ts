// Deterministic synthetic support mechanisms for the search benchmark: realistic, varied names and
// summaries from word lists, taxonomy values drawn from the real vocabularies, every record valid.
import { mechanismSchema, type Mechanism } from '../src/features/directory/schema.ts';
import { KINDS, REGIONS, SERVES, THEMES } from '../src/features/directory/taxonomy.ts';

/** mulberry32: a small, fast, seeded PRNG (same seed, same records, every run). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLACES = [
  'Pan-African', 'Andean', 'Balkan', 'Baltic', 'Caribbean', 'Central Asian', 'Danube', 'East African', 'Gulf',
  'Horn of Africa', 'Levant', 'Maghreb', 'Mekong', 'Nordic', 'Pacific', 'Sahel', 'South Asian', 'Southern Cone',
  'Caucasus', 'Great Lakes', 'Iberian', 'Mesoamerican', 'West African', 'Global', 'Regional', 'International',
  'Himalayan', 'Amazonian', 'Black Sea', 'Mediterranean',
];
const QUALITIES = [
  'Rapid', 'Emergency', 'Urgent', 'Safe', 'Secure', 'Open', 'Civic', 'Independent', 'Community', 'Solidarity',
  'Frontline', 'Resilient', 'Trusted', 'Shared', 'Joint', 'Mutual', 'Free', 'Protective', 'Collective', 'Citizen',
];
const TOPICS: Record<string, string[]> = {
  assembly: ['Assembly', 'Peaceful Protest', 'Demonstration', 'Gathering'],
  association: ['Association', 'Civil Society', 'Organising', 'Union'],
  expression: ['Free Expression', 'Press Freedom', 'Media', 'Speech', 'Reporting'],
  digital: ['Digital Security', 'Cyber Safety', 'Online Safety', 'Encryption', 'Device Security'],
  lgbtqia: ['LGBTQIA+ Rights', 'Queer Safety', 'Pride', 'Equality'],
  'nonprofit-law': ['Nonprofit Law', 'NGO Registration', 'Foreign Agent Law', 'Charity Law'],
  banking: ['Banking Access', 'Financial Inclusion', 'Bank Account', 'Payments'],
  protest: ['Protest', 'Street Medic', 'Protester Support', 'Detention'],
  funding: ['Funding', 'Grants', 'Philanthropy', 'Donor'],
};
const KIND_NOUNS: Record<string, string[]> = {
  'emergency-grant': ['Emergency Fund', 'Rapid Response Grant', 'Urgent Action Fund'],
  'resilience-grant': ['Resilience Grant', 'Sustainability Fund', 'Core Support Fund'],
  'advocacy-grant': ['Advocacy Grant', 'Campaign Fund', 'Policy Change Fund'],
  relocation: ['Relocation Programme', 'Safe Passage Scheme', 'Temporary Relocation Initiative'],
  shelter: ['Shelter City', 'Safe House Network', 'Refuge Programme'],
  'protection-hotline': ['Protection Hotline', 'Emergency Line', 'Defenders Hotline'],
  'digital-security-helpline': ['Digital Security Helpline', 'Tech Helpdesk', 'Security Help Desk'],
  'incident-response': ['Incident Response Team', 'Rapid Forensics Lab', 'CERT'],
  'legal-aid': ['Legal Aid Network', 'Pro Bono Lawyers', 'Legal Defence Fund'],
  'legal-guide': ['Legal Guide', 'Know Your Rights Handbook', 'Legal Toolkit'],
  'banking-guide': ['Banking Guide', 'De-risking Toolkit', 'Financial Access Guide'],
  training: ['Training Academy', 'Security Training', 'Capacity Programme'],
  directory: ['Directory', 'Resource Map', 'Support Index'],
  monitor: ['Monitor', 'Observatory', 'Tracker'],
  forecasting: ['Early Warning System', 'Forecast', 'Risk Radar'],
  'funder-resources': ['Funder Resource Hub', 'Donor Toolkit', 'Funders Circle'],
  'threat-sharing': ['Threat Sharing Network', 'Alert Exchange', 'Threat Feed'],
  'policy-mechanism': ['Policy Mechanism', 'Special Procedure', 'Complaints Mechanism'],
};
const OPERATOR_FORMS = ['{x} Foundation', '{x} Trust', 'Friends of {x}', '{x} Network', '{x} Alliance', 'Centre for {x}', '{x} Collective', '{x} Institute'];
const OPERATOR_WORDS = ['Civic', 'Liberty', 'Horizon', 'Meridian', 'Beacon', 'Harbour', 'Compass', 'Lantern', 'Bridge', 'Anchor', 'Open Society', 'Democracy', 'Rights', 'Justice', 'Dignity', 'Freedom', 'Commons', 'Keystone'];
const AUDIENCE: Record<string, string> = {
  cso: 'civil society organisations', hrd: 'human rights defenders', journalist: 'journalists and media workers',
  protester: 'protesters', lgbtqia: 'LGBTQIA+ activists', funder: 'funders and donors', activist: 'activists',
  government: 'governments and public officials',
};
const OPENERS = [
  'Offers {what} to {who} facing {threat}.',
  'Supports {who} who face {threat}, with {what}.',
  'A programme that gives {who} {what} when they face {threat}.',
  'Helps {who} under {threat} with {what}.',
];
const WHAT = [
  'small grants paid within days', 'confidential advice', 'legal representation', 'secure devices and training',
  'temporary relocation', 'a safe place to rest', 'round-the-clock support', 'forensic analysis of attacks',
  'guidance on opening a bank account', 'help registering an organisation', 'medical and psychological care',
  'practical checklists', 'peer mentoring', 'emergency funding for security', 'help with visas and travel',
];
const THREATS = [
  'arrest', 'surveillance', 'smear campaigns', 'frozen bank accounts', 'raids', 'phishing', 'spyware', 'travel bans',
  'deregistration', 'threats of violence', 'judicial harassment', 'internet shutdowns', 'restrictive laws', 'detention',
];
const CLOSERS = [
  'Requests are answered in {lang}.', 'Applications are reviewed on a rolling basis.', 'It is free and confidential.',
  'Contact is possible by encrypted message.', 'Priority goes to those at immediate risk.',
  'It works with local partners in each country.', 'No organisation needs to be registered to apply.',
  'Support can include family members.', 'Decisions are usually made within a week.',
];
const LANGS = ['en', 'es', 'fr', 'ar', 'ru', 'pt', 'de', 'tr', 'zh', 'sw', 'fa', 'uk', 'hi', 'id', 'my', 'am'];
const LANG_NAMES: Record<string, string> = { en: 'English', es: 'Spanish', fr: 'French', ar: 'Arabic', ru: 'Russian', pt: 'Portuguese' };

export function generateMechanisms(count: number, seed = 20261124): Mechanism[] {
  const rnd = prng(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const some = <T>(xs: readonly T[], min: number, max: number): T[] => {
    const n = min + int(max - min + 1);
    const pool = [...xs];
    const out: T[] = [];
    while (out.length < n && pool.length > 0) out.push(pool.splice(int(pool.length), 1)[0]!);
    return out;
  };
  const fill = (template: string, vars: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
  const records: Mechanism[] = [];
  for (let i = 0; i < count; i++) {
    const kinds = some(KINDS, 1, 2);
    const serves = some(SERVES, 1, 3);
    const themes = some(THEMES, 0, 3);
    const regions = rnd() < 0.15 ? ['global' as const] : some(REGIONS.filter((r) => r !== 'global'), 1, 2);
    const languages = ['en', ...some(LANGS.filter((l) => l !== 'en'), 0, 4)];
    const topic = themes.length > 0 ? pick(TOPICS[themes[0]!]!) : '';
    const name = [pick(PLACES), rnd() < 0.5 ? pick(QUALITIES) : '', topic, pick(KIND_NOUNS[kinds[0]!]!)].filter(Boolean).join(' ');
    const who = serves.map((s) => AUDIENCE[s]).join(', ');
    const summary = [
      fill(pick(OPENERS), { what: pick(WHAT), who, threat: pick(THREATS) }),
      fill(pick(OPENERS), { what: pick(WHAT), who: AUDIENCE[pick(serves)]!, threat: pick(THREATS) }),
      fill(pick(CLOSERS), { lang: languages.map((l) => LANG_NAMES[l] ?? l).join(', ') }),
      rnd() < 0.5 ? fill(pick(CLOSERS), { lang: 'English' }) : '',
    ].filter(Boolean).join(' ').slice(0, 700);
    const operator = fill(pick(OPERATOR_FORMS), { x: pick(OPERATOR_WORDS) });
    const slug = name.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
    const alwaysOn = kinds.some((k) => k.includes('hotline') || k.includes('helpline')) ? rnd() < 0.7 : rnd() < 0.05;
    records.push(
      mechanismSchema.parse({
        id: `${slug}-${i}`,
        name,
        operator,
        summary,
        kinds,
        serves,
        themes,
        regions,
        languages,
        alwaysOn,
        ...(rnd() < 0.5 ? { responseHours: 1 + int(72) } : {}),
        free: rnd() < 0.8,
        contact: { website: `https://example.org/${slug}-${i}` },
        verifiedAt: '2026-11-24',
        source: [{ title: 'Synthetic record for the search benchmark' }],
        version: 1,
      }),
    );
  }
  return records;
}
