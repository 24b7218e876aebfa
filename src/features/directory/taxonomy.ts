// Controlled vocabularies for support mechanisms. Labels live in the i18n catalogs under
// `kind.*`, `serves.*`, `theme.*` and `region.*`.

export const KINDS = [
  'emergency-grant',
  'resilience-grant',
  'advocacy-grant',
  'relocation',
  'shelter',
  'protection-hotline',
  'urgent-appeal',
  'accompaniment',
  'defender-network',
  'psychosocial',
  'digital-security-helpline',
  'incident-response',
  'website-protection',
  'circumvention',
  'legal-aid',
  'legal-guide',
  'banking-guide',
  'training',
  'directory',
  'monitor',
  'forecasting',
  'funder-resources',
  'threat-sharing',
  'policy-mechanism',
] as const;

export const SERVES = [
  'cso',
  'hrd',
  'journalist',
  'protester',
  'lawyer',
  'scholar',
  'artist',
  'women',
  'lgbtqia',
  'funder',
  'activist',
  'government',
] as const;

export const THEMES = [
  'assembly',
  'association',
  'expression',
  'digital',
  'lgbtqia',
  'nonprofit-law',
  'banking',
  'protest',
  'funding',
] as const;

/**
 * The situations a mechanism helps with (its eligibility) and a triage outcome is about. A record lists
 * only those its own source names; an outcome lists the situation(s) it describes.
 */
export const THREATS = [
  'digital-attack',
  'physical-threat',
  'detention',
  'raid',
  'relocation',
  'legal-action',
  'restrictive-law',
  'frozen-funds',
  'funding-cut',
  'protest',
  /** The internet cut off, or sites and apps blocked. */
  'shutdown',
  'preparation',
] as const;

/** What a fund's money can pay for, as its source states it (labels under `pays.*`). */
export const PAYS = [
  'emergency-costs',
  'protection',
  'relocation',
  'digital-security',
  'advocacy',
  'resilience',
] as const;

export const REGIONS = ['global', 'africa', 'americas', 'asia-pacific', 'europe', 'eurasia', 'mena'] as const;

/** The facet groups, in the order the filter form shows them; `param` is the query parameter. */
export const FACETS = [
  { key: 'kinds', param: 'kind', values: KINDS },
  { key: 'serves', param: 'serves', values: SERVES },
  { key: 'themes', param: 'theme', values: THEMES },
  { key: 'regions', param: 'region', values: REGIONS },
] as const;
