// The forms of an assessment. A domain's form is built from the instrument: one radio group per
// scale. An empty choice means "skip"; anything outside a scale is a problem, never stored.
import { z } from 'zod';
import type { Problems } from '../../../platform/errors.ts';
import type { Domain, Instrument } from './instrument.ts';
import type { Answer } from './scoring.ts';

export const NOTE_MAX = 2000;
export const CONTEXT_MAX = 4000;

const choice = (from: number, to: number) =>
  z.preprocess(
    (v) => (v === undefined || v === '' ? undefined : Array.isArray(v) ? v.at(-1) : v),
    z.coerce.number().int().min(from).max(to).optional(),
  );

export interface DomainForm {
  answers: Record<string, Answer | null>;
  note: string;
}

/** Parses a domain's form: every question of the domain, nothing else. */
export function parseDomainForm(
  domain: Domain,
  fields: Record<string, unknown>,
): { ok: true; value: DomainForm } | { ok: false; problems: Problems } {
  const problems: Problems = {};
  const answers: Record<string, Answer | null> = {};
  const read = (name: string, from: number, to: number) => {
    const r = choice(from, to).safeParse(fields[name]);
    if (!r.success) problems[name] = { key: 'validation.choice' };
    return r.success ? r.data : undefined;
  };
  for (const q of domain.threats) {
    const likelihood = read(`${q.id}.likelihood`, 1, 5);
    const impact = read(`${q.id}.impact`, 1, 5);
    answers[q.id] =
      likelihood || impact ? { ...(likelihood ? { likelihood } : {}), ...(impact ? { impact } : {}) } : null;
  }
  for (const q of domain.vulnerabilities) {
    const level = read(q.id, 1, 5);
    answers[q.id] = level === undefined ? null : { level };
  }
  for (const q of domain.capacities) {
    const level = read(q.id, 0, 4);
    answers[q.id] = level === undefined ? null : { level };
  }
  const note = z
    .string()
    .trim()
    .max(NOTE_MAX)
    .safeParse(typeof fields.note === 'string' ? fields.note : '');
  if (!note.success) problems.note = { key: 'validation.tooLong', values: { max: NOTE_MAX } };
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, value: { answers, note: note.success ? note.data : '' } };
}

export function parseContextForm(
  instrument: Instrument,
  fields: Record<string, unknown>,
): { ok: true; value: Record<string, string> } | { ok: false; problems: Problems } {
  const problems: Problems = {};
  const value: Record<string, string> = {};
  for (const q of instrument.context) {
    const raw = fields[q.id];
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text.length > CONTEXT_MAX) problems[q.id] = { key: 'validation.tooLong', values: { max: CONTEXT_MAX } };
    value[q.id] = text;
  }
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, value };
}

export const STATUSES = ['todo', 'doing', 'done', 'dropped'] as const;

export const planActionSchema = z.object({
  owner: z.string().trim().max(40).default(''),
  due: z.union([z.literal(''), z.iso.date()]).default(''),
  status: z.enum(STATUSES),
  notes: z.string().trim().max(NOTE_MAX).default(''),
});

export const startSchema = z.object({ from: z.enum(['last', 'blank']).default('blank') });

export const scenarioPlanSchema = z.object({
  signs: z.string().trim().max(CONTEXT_MAX).default(''),
  steps: z.string().trim().max(CONTEXT_MAX).default(''),
  contacts: z.string().trim().max(CONTEXT_MAX).default(''),
  prepare: z.string().trim().max(CONTEXT_MAX).default(''),
});
