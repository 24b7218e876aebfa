// The forms of an assessment. A domain's form is built from the instrument: one radio group per
// scale. An empty choice means "skip"; anything outside a scale is a problem, never stored.
import { z } from 'zod';
import { fail, ok, type Problems, type Result } from '../../../platform/errors.ts';
import type { RawInput } from '../../../platform/forms.ts';
import type { Domain, Instrument } from './instrument.ts';
import type { Answer } from './scoring.ts';

export const NOTE_MAX = 2000;
export const CONTEXT_MAX = 4000;

export const startSchema = z.object({ from: z.enum(['last', 'blank']).default('blank') });
/** A new assessment starts blank or `from` the last one. */
export type StartAssessmentInput = RawInput<typeof startSchema>;

const choice = (from: number, to: number) =>
  z.preprocess(
    (v) => (v === undefined || v === '' ? undefined : Array.isArray(v) ? v.at(-1) : v),
    z.coerce.number().int().min(from).max(to).optional(),
  );

const noteSchema = z.string().trim().max(NOTE_MAX);

/**
 * A domain's form as posted: its `note`, and one choice per scale, named after the question: a threat's
 * `<id>.likelihood` and `<id>.impact`, a vulnerability's or capacity's `<id>`. Which names it reads
 * depends on the domain (the instrument is data), so they cannot be listed here.
 */
export type DomainFormInput = { note?: unknown; [scale: string]: unknown };

export interface DomainForm {
  answers: Record<string, Answer | null>;
  note: string;
}

/** Parses a domain's form: every question of the domain, nothing else. */
export function parseDomainForm(domain: Domain, fields: DomainFormInput): Result<DomainForm> {
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
  const note = noteSchema.safeParse(typeof fields.note === 'string' ? fields.note : '');
  if (!note.success) problems.note = { key: 'validation.tooLong', values: { max: NOTE_MAX } };
  if (Object.keys(problems).length > 0) return fail(problems);
  return ok({ answers, note: note.success ? note.data : '' });
}

/** The four strategic questions as posted: one free text per question, named by its id in the instrument. */
export type ContextFormInput = { [question: string]: unknown };

export function parseContextForm(instrument: Instrument, fields: ContextFormInput): Result<Record<string, string>> {
  const problems: Problems = {};
  const value: Record<string, string> = {};
  for (const q of instrument.context) {
    const raw = fields[q.id];
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text.length > CONTEXT_MAX) problems[q.id] = { key: 'validation.tooLong', values: { max: CONTEXT_MAX } };
    value[q.id] = text;
  }
  return Object.keys(problems).length > 0 ? fail(problems) : ok(value);
}
