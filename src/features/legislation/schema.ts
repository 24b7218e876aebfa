// One entry of the legislation tracker: a law or bill that touches civic space, where it stands, the dated
// path that brought it there and the pages each fact comes from. Data files under data/legislation/, one
// entry per file named by its id; the summary is the project's own words, never a quotation.
import { z } from 'zod';
import { LOCALES, type Locale } from '../../platform/i18n/locales.ts';
import { localizedText, mechanismIdSchema } from '../directory/service.ts';

export const LEGISLATION_KINDS = [
  'foreign-agent',
  'registration',
  'assembly',
  'counter-terrorism',
  'online-speech',
  'other',
] as const;
export type LegislationKind = (typeof LEGISLATION_KINDS)[number];

export const EFFECTS = ['restricts', 'protects'] as const;
export type Effect = (typeof EFFECTS)[number];

export const STAGES = ['proposed', 'in-committee', 'enacted', 'shelved', 'struck-down', 'repealed'] as const;
export type Stage = (typeof STAGES)[number];

/** The stages each stage may follow; the first step of a history must be `proposed`, `in-committee` or `enacted`. */
const MAY_FOLLOW: Record<Stage, readonly Stage[]> = {
  proposed: ['shelved'],
  'in-committee': ['proposed', 'shelved'],
  enacted: ['proposed', 'in-committee'],
  shelved: ['proposed', 'in-committee'],
  'struck-down': ['enacted'],
  repealed: ['enacted', 'struck-down'],
};
const FIRST_STAGES: readonly Stage[] = ['proposed', 'in-committee', 'enacted'];

const httpsUrl = z.url({ protocol: /^https?$/, message: 'must be a web address' });
const isoDate = z.iso.date({ message: 'must be a date written YYYY-MM-DD' });

export const legislationSourceSchema = z.object({ title: z.string().trim().min(3).max(200), url: httpsUrl }).strict();

export const historyStepSchema = z
  .object({
    date: isoDate,
    stage: z.enum(STAGES),
    /** The address of the source (one of the entry's `sources`) that dates this step. */
    source: httpsUrl,
  })
  .strict();
export type HistoryStep = z.infer<typeof historyStepSchema>;

export const legislationSchema = z
  .object({
    id: mechanismIdSchema,
    country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code'),
    title: z
      .object({
        original: z.string().trim().min(3).max(300),
        /** The language of the original title (BCP 47), so it is marked up right. */
        lang: z.string().regex(/^[a-z]{2,3}$/),
        en: z.string().trim().min(3).max(300),
      })
      .strict(),
    kind: z.enum(LEGISLATION_KINDS),
    effect: z.enum(EFFECTS),
    stage: z.enum(STAGES),
    history: z.array(historyStepSchema).min(1),
    sources: z.array(legislationSourceSchema).min(1),
    summary: localizedText(40, 1200),
  })
  .strict()
  .superRefine((entry, ctx) => {
    for (const problem of historyProblems(entry)) ctx.addIssue({ code: 'custom', ...problem });
  });
export type Legislation = z.output<typeof legislationSchema>;

interface Problem {
  path: (string | number)[];
  message: string;
}

/** What is inconsistent in an entry's history: order, transitions, sources, and the current stage. */
export function historyProblems(entry: {
  stage: Stage;
  history: HistoryStep[];
  sources: { url: string }[];
}): Problem[] {
  const problems: Problem[] = [];
  const urls = new Set(entry.sources.map((s) => s.url));
  entry.history.forEach((step, i) => {
    if (!urls.has(step.source))
      problems.push({ path: ['history', i, 'source'], message: 'must be one of the sources' });
    const previous = entry.history[i - 1];
    if (!previous) {
      if (!FIRST_STAGES.includes(step.stage))
        problems.push({ path: ['history', 0, 'stage'], message: `a history cannot begin ${step.stage}` });
      return;
    }
    if (step.date < previous.date)
      problems.push({ path: ['history', i, 'date'], message: 'must not come before the step above it' });
    if (!MAY_FOLLOW[step.stage].includes(previous.stage))
      problems.push({ path: ['history', i, 'stage'], message: `cannot follow ${previous.stage}` });
  });
  const last = entry.history[entry.history.length - 1];
  if (last && last.stage !== entry.stage)
    problems.push({ path: ['stage'], message: `must be the last stage of the history (${last.stage})` });
  return problems;
}

/** The languages an entry's summary is written in (English always). */
export const summaryLanguages = (entry: Legislation): Locale[] => LOCALES.filter((l) => entry.summary[l] !== undefined);

/** The date of an entry's latest step: what "newest change first" sorts by. */
export const lastChanged = (entry: Legislation): string => entry.history[entry.history.length - 1]!.date;
