// The controlled vocabularies of the civic-space monitor (data/monitor/*.yaml): what an event's acts,
// people, groups and sources are described with, after the HURIDOCS Events Standard Formats. Each file
// holds one list of entries, each with a stable id and a label and description in every language.
// Curators edit the files (labels live there, not in the i18n catalogs); the code relies on the ids of
// every list but `violations`, so those lists must hold exactly the ids named here.
import path from 'node:path';
import { z } from 'zod';
import { formatDataProblem, readDataFile, type DataProblem } from '../../platform/data-files.ts';
import { LOCALES, type Locale } from '../../platform/i18n/locales.ts';

export const RIGHTS = ['assembly', 'association', 'expression', 'digital', 'other'] as const;
export const PERPETRATORS = [
  'police',
  'military',
  'executive',
  'judiciary',
  'legislature',
  'regulator',
  'private-actor',
  'non-state-armed-group',
  'unknown',
] as const;
export const ROLES = ['victim', 'source', 'intervening-party', 'perpetrator'] as const;
export const SOURCE_KINDS = ['witness', 'document', 'media', 'social-post', 'official-statement'] as const;
/** Best first: how far a source's account can be believed (after the Admiralty/NATO scale). */
export const RELIABILITY = [
  'confirmed',
  'probably-true',
  'possibly-true',
  'doubtful',
  'improbable',
  'cannot-judge',
] as const;
export const VERIFICATION = ['unverified', 'corroborated', 'verified', 'disputed'] as const;
export const PRECISION = ['day', 'month', 'year'] as const;
/** Whether an act was done (commission) or a duty to act was not met (omission). */
export const MODES = ['commission', 'omission'] as const;

/** The violation type an act is coded with when no other fits; violations.yaml must hold it. */
export const OTHER_VIOLATION = 'other';

export type RightId = (typeof RIGHTS)[number];
export type PerpetratorId = (typeof PERPETRATORS)[number];
export type RoleId = (typeof ROLES)[number];
export type SourceKindId = (typeof SOURCE_KINDS)[number];
export type ReliabilityId = (typeof RELIABILITY)[number];
export type VerificationId = (typeof VERIFICATION)[number];
export type PrecisionId = (typeof PRECISION)[number];
export type ModeId = (typeof MODES)[number];

const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens');

/** Text in every language: none may be missing or empty. */
const everyLanguage = z
  .object(
    Object.fromEntries(
      LOCALES.map((l) => [
        l,
        z
          .string({ error: (issue) => (issue.input === undefined ? 'is missing' : 'must be text') })
          .trim()
          .min(1, 'is empty')
          .max(400),
      ]),
    ) as Record<Locale, z.ZodString>,
  )
  .strict();

const entryShape = { id, label: everyLanguage, description: everyLanguage };
const entrySchema = z.object(entryShape).strict();
const violationSchema = z
  .object({
    ...entryShape,
    /** The right the violation mainly affects (a rights.yaml id). */
    right: id,
    /** The HURIDOCS micro-thesaurus term it maps to. */
    huridocs: z.string().trim().min(1).optional(),
    /** The CIVICUS Monitor category it maps to. */
    civicus: z.string().trim().min(1).optional(),
  })
  .strict();
const verificationSchema = z.object({ ...entryShape, needsSecondPerson: z.boolean().default(false) }).strict();

const fileOf = <S extends z.ZodType>(entry: S) =>
  z.object({ version: z.number().int().min(1), entries: z.array(entry).min(1) }).strict();

export interface Entry<Id extends string = string> {
  id: Id;
  label: Record<Locale, string>;
  description: Record<Locale, string>;
}
export interface Violation extends Entry {
  right: RightId;
  huridocs?: string;
  civicus?: string;
}
export interface VerificationEntry extends Entry<VerificationId> {
  /** Reaching this state takes a second person, not the one who recorded the event. */
  needsSecondPerson: boolean;
}

export interface Vocabulary {
  rights: readonly Entry<RightId>[];
  violations: readonly Violation[];
  perpetrators: readonly Entry<PerpetratorId>[];
  roles: readonly Entry<RoleId>[];
  sourceKinds: readonly Entry<SourceKindId>[];
  reliability: readonly Entry<ReliabilityId>[];
  verification: readonly VerificationEntry[];
  precision: readonly Entry<PrecisionId>[];
  modes: readonly Entry<ModeId>[];
}
export type VocabularyKind = keyof Vocabulary;

/** Each list's file under `<seedDir>/monitor/`, its entry schema and the ids the code knows (if fixed). */
const LISTS: Record<VocabularyKind, { file: string; schema: z.ZodType; ids?: readonly string[] }> = {
  rights: { file: 'rights.yaml', schema: entrySchema, ids: RIGHTS },
  violations: { file: 'violations.yaml', schema: violationSchema },
  perpetrators: { file: 'perpetrators.yaml', schema: entrySchema, ids: PERPETRATORS },
  roles: { file: 'roles.yaml', schema: entrySchema, ids: ROLES },
  sourceKinds: { file: 'source-kinds.yaml', schema: entrySchema, ids: SOURCE_KINDS },
  reliability: { file: 'reliability.yaml', schema: entrySchema, ids: RELIABILITY },
  verification: { file: 'verification.yaml', schema: verificationSchema, ids: VERIFICATION },
  precision: { file: 'precision.yaml', schema: entrySchema, ids: PRECISION },
  modes: { file: 'modes.yaml', schema: entrySchema, ids: MODES },
};

export const VOCABULARY_KINDS = Object.keys(LISTS) as VocabularyKind[];

/** The file (within `<seedDir>/monitor/`) that holds a list. */
export const vocabularyFile = (kind: VocabularyKind): string => LISTS[kind].file;

/** Ids used twice, and (for a fixed list) ids the code does not know or that the file leaves out. */
function checkIds(file: string, entries: readonly { id: string }[], known?: readonly string[]): DataProblem[] {
  const problems: DataProblem[] = [];
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    if (seen.has(e.id)) problems.push({ file, path: `entries.${i}.id`, message: `id ${e.id} is used twice` });
    else if (known && !known.includes(e.id))
      problems.push({
        file,
        path: `entries.${i}.id`,
        message: `unknown id ${e.id} (expected one of ${known.join(', ')})`,
      });
    seen.add(e.id);
  });
  for (const missing of known?.filter((k) => !seen.has(k)) ?? [])
    problems.push({ file, path: 'entries', message: `id ${missing} is missing` });
  return problems;
}

/**
 * Reads and checks every list under `<seedDir>/monitor/`: the schema (labels and descriptions in all
 * five languages), unique ids, fixed lists holding exactly their known ids, and each violation's right
 * naming a known right, and `other` among the violations. The vocabulary comes back only when there is no problem at all.
 */
export function readVocabulary(seedDir: string): { vocabulary?: Vocabulary; problems: DataProblem[] } {
  const problems: DataProblem[] = [];
  const lists: Partial<Record<VocabularyKind, readonly Entry[]>> = {};
  for (const kind of VOCABULARY_KINDS) {
    const { file, schema, ids } = LISTS[kind];
    const read = readDataFile(path.join(seedDir, 'monitor', file), fileOf(schema));
    problems.push(...read.problems);
    if (!read.value) continue;
    const entries = read.value.entries as Entry[];
    problems.push(...checkIds(file, entries, ids));
    lists[kind] = entries;
  }
  const violations = lists.violations as Violation[] | undefined;
  const rights = new Set<string>(RIGHTS);
  violations?.forEach((v, i) => {
    if (!rights.has(v.right))
      problems.push({ file: LISTS.violations.file, path: `entries.${i}.right`, message: `unknown right ${v.right}` });
  });
  if (violations && !violations.some((v) => v.id === OTHER_VIOLATION))
    problems.push({ file: LISTS.violations.file, path: 'entries', message: `id ${OTHER_VIOLATION} is missing` });
  if (problems.length > 0) return { problems };
  return { vocabulary: lists as unknown as Vocabulary, problems };
}

/** The ids of one list. */
export function idsOf(vocabulary: Vocabulary, kind: VocabularyKind): Set<string> {
  return new Set(vocabulary[kind].map((e) => e.id));
}

/** An entry's label in a language; the id itself when the list no longer holds it (an old record). */
export function labelOf(vocabulary: Vocabulary, kind: VocabularyKind, id: string, locale: Locale): string {
  const entry = (vocabulary[kind] as readonly Entry[]).find((e) => e.id === id);
  return entry ? entry.label[locale] : id;
}

const loaded = new Map<string, Vocabulary>();

/** The shipped vocabularies, read once per data folder; a problem in them stops the caller loudly. */
export function loadVocabulary(seedDir: string): Vocabulary {
  let vocabulary = loaded.get(seedDir);
  if (!vocabulary) {
    const read = readVocabulary(seedDir);
    if (!read.vocabulary)
      throw new Error(`monitor vocabularies have problems: ${read.problems.map(formatDataProblem).join('; ')}`);
    vocabulary = read.vocabulary;
    loaded.set(seedDir, vocabulary);
  }
  return vocabulary;
}
