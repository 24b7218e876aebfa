// The search's curated synonyms (data/search/synonyms.yaml): per language, small words a query skips
// and, for a word a person may type, phrases the directory uses for the same need.
import path from 'node:path';
import { z } from 'zod';
import { formatDataProblem, readDataFile, type DataProblem } from '../../platform/data-files.ts';
import { LOCALES, type Locale } from '../../platform/i18n/locales.ts';

const word = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}]+$/u, 'must be one word (letters and digits)');
const phrase = z.string().trim().min(1).max(80);

const languageSchema = z
  .object({
    ignore: z.array(word).default([]),
    words: z.record(word, z.array(phrase).min(1).max(12)).default({}),
  })
  .strict();

export const synonymsFileSchema = z.partialRecord(z.enum(LOCALES), languageSchema);
export type SynonymsFile = z.output<typeof synonymsFileSchema>;

/** A query word's alternatives: each a phrase, itself a list of normalised words that must all match. */
export interface Synonyms {
  ignore: Set<string>;
  expand: Map<string, string[][]>;
}

export const NO_SYNONYMS: Synonyms = { ignore: new Set(), expand: new Map() };

/** Lowercase and strip accents (and Arabic vowel marks) so "defensores" finds "Defensóres". */
export function normalizeTerm(term: string): string {
  return term
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** Splits text into normalised words (plain ASCII, most English text, takes a faster path). */
export function words(text: string): string[] {
  const out = /^\p{ASCII}*$/u.test(text)
    ? text.toLowerCase().split(/[^a-z0-9]+/)
    : normalizeTerm(text).split(/[^\p{L}\p{N}]+/u);
  return out.filter((w) => w !== '');
}

/** The synonyms of the given languages (all of them when none are named), merged. */
export function compileSynonyms(file: SynonymsFile, only?: readonly Locale[]): Synonyms {
  const out: Synonyms = { ignore: new Set(), expand: new Map() };
  for (const locale of only ?? LOCALES) {
    const lang = file[locale];
    if (!lang) continue;
    for (const w of lang.ignore) out.ignore.add(normalizeTerm(w));
    for (const [key, phrases] of Object.entries(lang.words)) {
      const k = normalizeTerm(key);
      const list = out.expand.get(k) ?? [];
      for (const p of phrases) {
        const ws = words(p);
        if (ws.length > 0 && !list.some((l) => l.join(' ') === ws.join(' '))) list.push(ws);
      }
      out.expand.set(k, list);
    }
  }
  return out;
}

export function synonymsPath(seedDir: string): string {
  return path.join(seedDir, 'search', 'synonyms.yaml');
}

/** An empty file holds no synonyms. */
const fileSchema = z.preprocess((raw) => raw ?? {}, synonymsFileSchema);

/** Reads and checks the file. A missing file means no synonyms. */
export function readSynonyms(seedDir: string): { file: SynonymsFile; problems: DataProblem[] } {
  const { value, problems } = readDataFile(synonymsPath(seedDir), fileSchema, { optional: true });
  return { file: value ?? {}, problems };
}

/** The seed directory's synonyms; a broken file stops start-up with its problems. */
export function synonymsFile(seedDir: string): SynonymsFile {
  const result = readSynonyms(seedDir);
  if (result.problems.length > 0)
    throw new Error(`data/search/synonyms.yaml is not valid: ${result.problems.map(formatDataProblem).join('; ')}`);
  return result.file;
}
