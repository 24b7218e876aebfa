// The schema of a triage flow file (data/triage/*.yaml). A flow is a small graph of questions,
// context questions and outcomes; an answer leads to another node of the same flow, or to another
// flow's start with `flow:<id>`. The graph rules (reachable, acyclic, ending in outcomes) are
// checked by graph.ts.
import { z } from 'zod';
import { LOCALES } from '../../platform/i18n/locales.ts';
import { KINDS, SERVES, THEMES, THREATS } from '../directory/service.ts';

const nodeId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens');

// Text in several languages; which locales a flow must give is its `locales`.
import { localizedSchema, type Localized } from '../../platform/i18n/localized.ts';
export { localizedSchema, type Localized };

/** The context a flow may ask for, once; each changes how referrals are ranked. */
export const CONTEXT_FIELDS = ['audience', 'language', 'country', 'urgency'] as const;
export type ContextField = (typeof CONTEXT_FIELDS)[number];

const target = z.string().regex(/^(flow:)?[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a node id, or flow:<flow id>');

const questionSchema = z
  .object({
    type: z.literal('question'),
    text: localizedSchema,
    help: localizedSchema.optional(),
    options: z
      .array(z.object({ label: localizedSchema, next: target }).strict())
      .min(2)
      .max(12),
  })
  .strict();

const contextSchema = z
  .object({
    type: z.literal('context'),
    field: z.enum(CONTEXT_FIELDS),
    next: target,
  })
  .strict();

const outcomeSchema = z
  .object({
    type: z.literal('outcome'),
    title: localizedSchema,
    summary: localizedSchema.optional(),
    /** What to do in the next hour, in order. */
    now: z.array(localizedSchema).min(1).max(10),
    /** What not to do. */
    avoid: z.array(localizedSchema).max(10).default([]),
    /** What to gather before contacting anyone. */
    gather: z.array(localizedSchema).max(10).default([]),
    referral: z
      .object({
        /** A mechanism must offer at least one of these kinds to be listed; the first kinds rank first. */
        kinds: z.array(z.enum(KINDS)).min(1),
        /** The situation(s) this outcome is about; a mechanism is listed only if its eligibility covers one. */
        threats: z.array(z.enum(THREATS)).default([]),
        /** Optional: themes that make a mechanism fit better. */
        themes: z.array(z.enum(THEMES)).default([]),
        /** Optional: the audience when the flow itself implies it (e.g. protesters). */
        serves: z.array(z.enum(SERVES)).default([]),
      })
      .strict(),
    /** Said when no mechanism fits the person's answers. */
    noMatch: localizedSchema.optional(),
  })
  .strict();

export const nodeSchema = z.discriminatedUnion('type', [questionSchema, contextSchema, outcomeSchema]);

export const flowSchema = z
  .object({
    id: nodeId,
    version: z.number().int().min(1),
    /** Every string in the flow exists in each of these locales; English is always among them. */
    locales: z
      .array(z.enum(LOCALES))
      .min(1)
      .refine((l) => l.includes('en'), 'must include en'),
    title: localizedSchema,
    start: nodeId,
    nodes: z.record(nodeId, nodeSchema),
  })
  .strict();

export type Flow = z.output<typeof flowSchema>;
export type FlowNode = z.output<typeof nodeSchema>;
export type QuestionNode = Extract<FlowNode, { type: 'question' }>;
export type OutcomeNode = Extract<FlowNode, { type: 'outcome' }>;

/** ISO 3166-1 alpha-2 code -> directory region, for ranking by where a person is. */
export const countriesSchema = z.record(
  z.string().regex(/^[A-Z]{2}$/),
  z.enum(['africa', 'americas', 'asia-pacific', 'europe', 'eurasia', 'mena']),
);
