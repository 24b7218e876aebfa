// The schema of one support mechanism: the source of validation for data files, the database
// document, the API and the OpenAPI document alike.
import { z } from 'zod';
import { LOCALES, type Locale } from '../../platform/i18n/locales.ts';
import { KINDS, PAYS, REGIONS, SERVES, THEMES, THREATS } from './taxonomy.ts';

const httpsUrl = z.url({ protocol: /^https$/, message: 'must be an https:// address' });
const isoDate = z.iso.date({ message: 'must be a date written YYYY-MM-DD' });

/** Closed records stay in the directory, marked, but triage never refers anyone to them. */
export const STATUSES = ['active', 'paused', 'closed', 'unknown'] as const;
export type Status = (typeof STATUSES)[number];

export const mechanismIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase letters, digits and single hyphens')
  .max(80);

/**
 * Curated text in the five languages. A data file may write a plain string, which means English; it is
 * normalised to the map `{ en: "..." }`. English is always required: it is what a reader whose
 * language is missing sees (marked lang="en" by the views).
 */
export function localizedText(min: number, max: number) {
  const text = z.string().trim().min(min).max(max);
  const shape = Object.fromEntries(LOCALES.map((l) => [l, l === 'en' ? text : text.optional()])) as {
    en: typeof text;
  } & Record<Exclude<Locale, 'en'>, z.ZodOptional<typeof text>>;
  const map = z
    .object(shape)
    .strict()
    .describe(
      'The text by language code (en, es, fr, ar, ru); English is always present, other languages when translated.',
    );
  return z.preprocess((v) => (typeof v === 'string' ? { en: v } : v), map);
}

export const contactSchema = z
  .object({
    website: httpsUrl,
    email: z.email().optional(),
    phone: z
      .string()
      .regex(/^\+[0-9 ]{6,20}$/, 'must be an international number starting with +')
      .optional(),
    signal: z.string().max(100).optional(),
    form: httpsUrl.optional(),
  })
  .strict();

/**
 * The fact fields a source can vouch for. A data file names, on each source, which of the record's facts
 * it states (`facts`), so every stated fact can be traced to a page (see `unsourcedFacts`).
 */
export const FACT_FIELDS = [
  'summary',
  'kinds',
  'eligibility',
  'contact',
  'languages',
  'alwaysOn',
  'responseHours',
  'free',
  'status',
] as const;
export type FactField = (typeof FACT_FIELDS)[number];

export const sourceSchema = z
  .object({
    title: z.string().min(3).max(200),
    url: httpsUrl.optional(),
    /** The record's facts this source states. */
    facts: z.array(z.enum(FACT_FIELDS)).min(1).optional(),
  })
  .strict();

const countryCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code');

/**
 * Who and what a mechanism is for, from its own source. Triage never lists a mechanism outside it
 * (see src/features/triage/eligibility.ts): `threats` the situations it covers; `who`, when set, the
 * only people it serves; `countries`/`regions`, when set, the only places it works; `pays` what its
 * money pays for.
 */
export const eligibilitySchema = z
  .object({
    threats: z.array(z.enum(THREATS)).min(1),
    who: z.array(z.enum(SERVES)).min(1).optional(),
    countries: z.array(countryCode).min(1).optional(),
    regions: z.array(z.enum(REGIONS)).min(1).optional(),
    pays: z.array(z.enum(PAYS)).min(1).optional(),
  })
  .strict();
export type Eligibility = z.output<typeof eligibilitySchema>;

export const mechanismSchema = z
  .object({
    id: mechanismIdSchema,
    name: z.string().min(2).max(160),
    operator: z.string().min(2).max(200).optional(),
    summary: localizedText(20, 700),
    /** What to have ready or how the first contact works, in plain words. */
    howToReach: localizedText(1, 700).optional(),
    kinds: z.array(z.enum(KINDS)).min(1),
    serves: z.array(z.enum(SERVES)).min(1),
    themes: z.array(z.enum(THEMES)).default([]),
    regions: z.array(z.enum(REGIONS)).min(1),
    countries: z.array(countryCode).default([]),
    languages: z.array(z.string().regex(/^[a-z]{2}$/, 'must be an ISO 639-1 code')).default([]),
    /** Absent: triage treats the mechanism as open to every situation its kinds fit. */
    eligibility: eligibilitySchema.optional(),
    alwaysOn: z.boolean().default(false),
    responseHours: z
      .number()
      .positive()
      .max(24 * 90)
      .optional(),
    free: z.boolean().optional(),
    contact: contactSchema,
    /** The last time a curator checked the record against its sources. */
    verifiedAt: isoDate,
    /** Whether it is running, as of `verifiedAt`; absent in a file means active (decision 0018). */
    status: z.enum(STATUSES).default('active'),
    source: z.array(sourceSchema).min(1),
    version: z.number().int().min(1),
  })
  .strict();

export type MechanismInput = z.input<typeof mechanismSchema>;

/** The facts a record states: always what it is and how to reach it, the rest when set. */
export function statedFacts(m: z.output<typeof mechanismSchema>): FactField[] {
  const stated: FactField[] = ['summary', 'kinds', 'contact'];
  if (m.eligibility) stated.push('eligibility');
  if (m.languages.length > 0) stated.push('languages');
  if (m.alwaysOn) stated.push('alwaysOn');
  if (m.responseHours !== undefined) stated.push('responseHours');
  if (m.free !== undefined) stated.push('free');
  if (m.status !== 'active') stated.push('status');
  return stated;
}

/**
 * The stated facts no source vouches for. Curated data files must have none (the
 * `directory validate` command and the schema test check it); a community suggestion approved in the
 * app names the suggestion as its source instead, and is checked by a curator before it is refined.
 */
export function unsourcedFacts(m: z.output<typeof mechanismSchema>): FactField[] {
  const vouched = new Set(m.source.flatMap((s) => s.facts ?? []));
  return statedFacts(m).filter((f) => !vouched.has(f));
}
export type Mechanism = z.output<typeof mechanismSchema>;

/**
 * Names, operators and source titles are proper names, kept as written (in English or the operator's
 * own language); views mark them so, whatever the page language. Summaries and "how to reach" are
 * translated: views pick the reader's language (src/ui/components/localized.tsx).
 */
export const CONTENT_LANG = { lang: 'en', dir: 'ltr' } as const;

/** Wraps a name in Unicode first-strong isolates so it keeps its own direction inside a translated sentence. */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}
