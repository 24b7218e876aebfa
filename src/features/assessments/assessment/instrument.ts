// The schemas of the assessment instrument (data/assessment/instrument.yaml), the recommended actions
// (data/assessment/actions.yaml) and the what-if cards (data/scenarios/*.yaml), and their loader.
// Content is data: curators edit the files; `amparo assessment validate` checks them.
import path from 'node:path';
import { z } from 'zod';
import { readDataFile, readDataFolder, type DataProblem } from '../../../platform/data-files.ts';
import { KINDS, mechanismIdSchema } from '../../directory/service.ts';
import { localizedSchema } from '../../../platform/i18n/localized.ts';

const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens');

/** One answer level of a scale with an example, so a person can place their organisation. */
const levelsSchema = (from: number, to: number) =>
  z
    .record(z.string().regex(/^\d$/), localizedSchema)
    .refine(
      (levels) =>
        Object.keys(levels).map(Number).sort().join() ===
        Array.from({ length: to - from + 1 }, (_, i) => from + i).join(),
      {
        message: `needs exactly the levels ${from} to ${to}`,
      },
    );

const threatSchema = z.object({ id, text: localizedSchema, help: localizedSchema.optional() }).strict();
const vulnerabilitySchema = z.object({ id, text: localizedSchema, levels: levelsSchema(1, 5) }).strict();
const capacitySchema = z.object({ id, text: localizedSchema, levels: levelsSchema(0, 4) }).strict();

export const DOMAIN_IDS = ['legal', 'funding', 'digital', 'physical', 'reputation', 'people', 'political'] as const;
export type DomainId = (typeof DOMAIN_IDS)[number];

export const domainSchema = z
  .object({
    id: z.enum(DOMAIN_IDS),
    title: localizedSchema,
    intro: localizedSchema,
    threats: z.array(threatSchema).min(1).max(8),
    vulnerabilities: z.array(vulnerabilitySchema).min(1).max(8),
    capacities: z.array(capacitySchema).min(1).max(8),
    /** Recommended actions (actions.yaml ids) this domain proposes when its risk is high. */
    actions: z.array(id).min(1),
  })
  .strict();

export const instrumentSchema = z
  .object({
    id,
    version: z.number().int().min(1),
    title: localizedSchema,
    /** The generic likelihood (1-5) and impact (1-5) levels every threat is rated on. */
    likelihood: levelsSchema(1, 5),
    impact: levelsSchema(1, 5),
    domains: z.array(domainSchema).length(DOMAIN_IDS.length),
    /** The guide's four strategic questions, answered in free text. */
    context: z.array(z.object({ id, text: localizedSchema, help: localizedSchema.optional() }).strict()).length(4),
  })
  .strict();

export const actionSchema = z
  .object({
    id,
    title: localizedSchema,
    why: localizedSchema,
    /** Directory records that help with it. */
    mechanisms: z.array(mechanismIdSchema).default([]),
    /** Or kinds of support from the directory. */
    kinds: z.array(z.enum(KINDS)).default([]),
  })
  .strict();

export const actionsFileSchema = z
  .object({ version: z.number().int().min(1), actions: z.array(actionSchema).min(10) })
  .strict();

export const scenarioSchema = z
  .object({
    id,
    version: z.number().int().min(1),
    title: localizedSchema,
    summary: localizedSchema,
    domains: z.array(z.enum(DOMAIN_IDS)).min(1),
    signs: z.array(localizedSchema).min(2).max(10),
    steps: z.array(localizedSchema).min(2).max(12),
    /** Who does what: each role is a task someone in the organisation takes on. */
    roles: z.array(localizedSchema).min(2).max(10),
    contacts: z
      .object({ mechanisms: z.array(mechanismIdSchema).default([]), kinds: z.array(z.enum(KINDS)).default([]) })
      .strict(),
    /** What to back up, move or delete now, before it happens. */
    prepare: z.array(localizedSchema).min(1).max(10),
  })
  .strict();

export type Instrument = z.output<typeof instrumentSchema>;
export type Domain = z.output<typeof domainSchema>;
export type RecommendedAction = z.output<typeof actionSchema>;
export type Scenario = z.output<typeof scenarioSchema>;

export interface Library {
  instrument: Instrument;
  actions: Map<string, RecommendedAction>;
  scenarios: Map<string, Scenario>;
}

export type LibraryProblem = DataProblem;

/** Reads and checks the files; cross-references (actions named by domains, unique ids) included. */
export function readLibrary(
  seedDir: string,
  knownMechanisms?: Set<string>,
): { library?: Library; problems: LibraryProblem[] } {
  const instrumentFile = readDataFile(path.join(seedDir, 'assessment/instrument.yaml'), instrumentSchema);
  const actionsFile = readDataFile(path.join(seedDir, 'assessment/actions.yaml'), actionsFileSchema);
  const cards = readDataFolder(path.join(seedDir, 'scenarios'), scenarioSchema, { idIsFileName: true, optional: true });
  const problems = [...instrumentFile.problems, ...actionsFile.problems, ...cards.problems];
  const instrument = instrumentFile.value;
  const scenarios = new Map(cards.items.map((c) => [c.value.id, c.value]));
  if (!instrument || !actionsFile.value) return { problems };
  const actions = new Map(actionsFile.value.actions.map((a) => [a.id, a]));
  const seen = new Set<string>();
  const INSTRUMENT = 'instrument.yaml';
  instrument.domains.forEach((d, i) => {
    d.actions.forEach((a, j) => {
      if (!actions.has(a))
        problems.push({ file: INSTRUMENT, path: `domains.${i}.actions.${j}`, message: `unknown action ${a}` });
    });
    for (const kind of ['threats', 'vulnerabilities', 'capacities'] as const) {
      d[kind].forEach((q, k) => {
        if (seen.has(q.id))
          problems.push({
            file: INSTRUMENT,
            path: `domains.${i}.${kind}.${k}.id`,
            message: `question id ${q.id} is used twice`,
          });
        seen.add(q.id);
      });
    }
  });
  if (new Set(instrument.domains.map((d) => d.id)).size !== DOMAIN_IDS.length)
    problems.push({ file: INSTRUMENT, path: 'domains', message: 'every domain must appear once' });
  if (knownMechanisms) {
    const check = (file: string, at: string, m: string) => {
      if (!knownMechanisms.has(m)) problems.push({ file, path: at, message: `unknown directory record ${m}` });
    };
    actionsFile.value.actions.forEach((a, i) =>
      a.mechanisms.forEach((m, j) => check('actions.yaml', `actions.${i}.mechanisms.${j}`, m)),
    );
    for (const card of cards.items)
      card.value.contacts.mechanisms.forEach((m, j) => check(card.file, `contacts.mechanisms.${j}`, m));
  }
  return { library: { instrument, actions, scenarios }, problems };
}
